package io.huitong.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform as it ships, started as a process of its own on a test database, so that a test can kill it with
 * {@code kill -9} (no shutdown hook, no finally block runs) and start it again on the same database and port.
 */
public final class PlatformProcess implements AutoCloseable {

    /** An answer of the platform: its status and its body as JSON. */
    public record Answer(int status, JsonNode json) {
    }

    private final TestDatabases.TestDb db;
    private final String adminKey;
    private final List<String> settings;
    private final int port;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private Process process;

    /** {@code settings}: more {@code --name=value} arguments, beside the database, port, admin key and data directory. */
    public PlatformProcess(TestDatabases.TestDb db, String adminKey, String... settings) throws IOException {
        this.db = db;
        this.adminKey = adminKey;
        this.settings = List.of(settings);
        this.port = freePort();
        this.dataDir = Files.createTempDirectory("huitong-process");
    }

    /** Starts the platform and waits until it answers its health check. */
    public void start() throws IOException, InterruptedException {
        // C1 alone, as the test JVMs run: a platform a test starts lives for seconds, and C2 would spend them compiling
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", mainClassPath(), "io.huitong.HuitongApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--huitong.admin-key=" + adminKey, "--huitong.data-dir=" + dataDir));
        command.addAll(settings);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("platform.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform stopped while starting; see " + dataDir.resolve("platform.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the platform did not become ready; see " + dataDir.resolve("platform.log"));
    }

    /** SIGKILL: the process ends where it is, with whatever transactions it had open. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public Path log() {
        return dataDir.resolve("platform.log");
    }

    /** The structured log the platform writes in its data directory, one JSON object per line. */
    public Path structuredLog() {
        return dataDir.resolve("logs").resolve("huitong.log");
    }

    public Answer get(String path, String bearer) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", bearer).GET());
    }

    public Answer post(String path, String bearer, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer put(String path, String bearer, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public String admin() {
        return "Bearer " + adminKey;
    }

    public int port() {
        return port;
    }

    public Answer delete(String path, String bearer) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", bearer).DELETE());
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), json.readTree(r.body().isEmpty() ? "null" : r.body()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }

    /** The platform as it ships: the test run's class path without the test classes. */
    private static String mainClassPath() {
        String separator = System.getProperty("path.separator");
        return Arrays.stream(System.getProperty("java.class.path").split(separator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(separator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
