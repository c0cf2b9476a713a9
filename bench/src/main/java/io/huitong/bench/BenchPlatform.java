package io.huitong.bench;

import io.huitong.bench.SettlementBench.Config;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.huitong.bench.BenchThreads.sleep;
import static io.huitong.bench.BenchSupport.*;

/** The platform as a child process on the scratch database, with the daily automatic settlement run off. */
record BenchPlatform(Process process, String base, String adminKey, Path dataDir) {

    static BenchPlatform start(Config config, String database) {
        return start(config.pg(), config.jar(), config.platformOpts(), database, "huitong-settlement-bench", List.of());
    }

    /**
     * Starts the platform ({@code jar}, with the JVM options {@code platformOpts}) on {@code database} of the server
     * {@code pg} names, its data dir a new temporary dir named after {@code dirPrefix}; {@code properties} are further
     * system properties of the platform ({@code -Dname=value}).
     */
    static BenchPlatform start(BenchConfig pg, Path jar, List<String> platformOpts, String database, String dirPrefix,
                               List<String> properties) {
        return launch(pg, jar, database, dirPrefix, dataDir -> {
            List<String> options = new ArrayList<>(platformOpts);
            // the GC log gives the heap's true peak; the metrics endpoint the samples; no automatic run
            options.add("-Xlog:gc:file=" + dataDir.resolve("gc.log") + ":time");
            options.add("-Dmanagement.endpoints.web.exposure.include=health,prometheus,info,metrics");
            options.add("-Dhuitong.settlement.automatic=false");
            options.addAll(properties);
            return options;
        }, Map.of("HUITONG_SETTLEMENT_AUTOMATIC", "false"), Duration.ofSeconds(180));
    }

    /**
     * Starts the platform {@code jar} as an operator would, on {@code database} of the server {@code pg} names: a free
     * port, a new admin key, a new temporary data dir named after {@code dirPrefix} (its log in {@code platform.log}),
     * the JVM options {@code jvmOptions} gives for that dir, and {@code environment} besides the platform's own
     * variables. Answers once its health endpoint does, within {@code readyWithin}; a platform that does not is stopped.
     */
    static BenchPlatform launch(BenchConfig pg, Path jar, String database, String dirPrefix, Function<Path, List<String>> jvmOptions,
                                Map<String, String> environment, Duration readyWithin) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dataDir = Files.createTempDirectory(dirPrefix);
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String adminKey = "hk_bench_" + java.util.HexFormat.of().formatHex(random);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions.apply(dataDir));
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("platform.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("HUITONG_PORT", Integer.toString(port));
            env.put("HUITONG_DATA_DIR", dataDir.toString());
            env.put("HUITONG_ADMIN_KEY", adminKey);
            env.put("HUITONG_DB_URL", pg.urlFor(database));
            env.put("HUITONG_DB_USER", pg.user());
            env.put("HUITONG_DB_PASSWORD", pg.password());
            env.putAll(environment);
            BenchPlatform platform = new BenchPlatform(builder.start(), "http://127.0.0.1:" + port, adminKey, dataDir);
            try {
                awaitReady(platform.process(), platform.base(), dataDir, readyWithin);
            } catch (RuntimeException e) {
                platform.stop(true);
                throw e;
            }
            return platform;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the platform: " + e.getMessage(), e);
        }
    }

    /** Waits for the platform's health endpoint at {@code base} to answer 200, for at most {@code timeout}. */
    static void awaitReady(Process process, String base, Path dataDir, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform stopped during start-up; see " + dataDir.resolve("platform.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("the platform did not become ready in " + timeout.toSeconds() + " s; see "
                + dataDir.resolve("platform.log"));
    }

    String get(HttpClient http, String path) {
        return send(http, request(path).GET().build(), 200);
    }

    String post(HttpClient http, String path, String json, int expected) {
        return postAs(http, adminKey, path, json, expected);
    }

    /** Sends {@code file} as the body, streamed from the disk. */
    String upload(HttpClient http, String path, Path file, String contentType, int expected) {
        try {
            return send(http, request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofFile(file)).build(), expected);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException("no file " + file, e);
        }
    }

    String put(HttpClient http, String path, String json, int expected) {
        return send(http, request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), expected);
    }

    /** {@code POST} as someone else than the admin key: an operator's session token, or nobody ({@code null}). */
    String postAs(HttpClient http, String credential, String path, String json, int expected) {
        return send(http, request(path, credential).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), expected);
    }

    private HttpRequest.Builder request(String path) {
        return request(path, adminKey);
    }

    private HttpRequest.Builder request(String path, String credential) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10));
        return credential == null ? builder : builder.header("Authorization", "Bearer " + credential);
    }

    private static String send(HttpClient http, HttpRequest request, int expected) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode() + " "
                        + compact(r.body()));
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the platform; its data dir (its log, the GC log) goes too unless {@code keepDataDir}. */
    void stop(boolean keepDataDir) {
        stop(process);
        if (!keepDataDir) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary dir: the system cleans it up
            }
        }
    }

    /** Stops {@code process}: asks it to, then, after 30 s or if interrupted, forces it. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
