package io.huitong.channels;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.simulator.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** For the operator connectors' tests: the simulator's control API, a notify URL, recorded notifications and logs. */
public final class OperatorTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OperatorTestSupport() {
    }

    /** A simulated party's entry in {@code GET /control/channels}. */
    public static JsonNode party(Simulator sim, String name) {
        return new SimulatorDirectory(JSON, java.time.Duration.ofSeconds(2)).party(sim.controlUrl(), name);
    }

    public static void register(Simulator sim, String name, String appId, String publicKey) {
        new SimulatorDirectory(JSON, java.time.Duration.ofSeconds(2)).register(sim.controlUrl(), name, appId, publicKey);
    }

    /** Sends a request to the simulator's control API; the answer's status and body. */
    public static HttpResponse<String> control(Simulator sim, String method, String path, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Payments' side of notifications, recording what it is told and accepting it all. */
    public static final class RecordingNotifications implements OrderNotifications {

        public record Notified(String channel, String reference, OrderStatus status) {
        }

        public final List<Notified> received = new CopyOnWriteArrayList<>();
        public volatile Outcome outcome = Outcome.ACCEPTED;

        @Override
        public Outcome notify(String channel, String reference, OrderStatus status) {
            received.add(new Notified(channel, reference, status));
            return outcome;
        }

        public Notified await(String reference, long millis) {
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                for (Notified n : received) {
                    if (n.reference().equals(reference)) {
                        return n;
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return null;
        }
    }

    /** The platform's {@code POST /notify/{channel}} for a test: hands every request to {@code receiver}, as the web layer does. */
    public static final class NotifyServer implements AutoCloseable {

        private final HttpServer server;

        public NotifyServer(Supplier<NotificationReceiver> receiver) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/notify/", exchange -> {
                try (exchange) {
                    Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                            .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
                    NotificationReceiver.Reply reply = receiver.get().receive(new NotificationReceiver.Inbound(
                            exchange.getRequestHeaders().getFirst("Content-Type"), headers, exchange.getRequestBody().readAllBytes()));
                    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                    exchange.sendResponseHeaders(reply.status(), bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            });
            server.start();
        }

        public String url(String channel) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/" + channel;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Captures every log line while it is open. */
    public static final class CapturedLogs implements AutoCloseable {

        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        public CapturedLogs() {
            appender.start();
            root.addAppender(appender);
        }

        public String text() {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        }

        @Override
        public void close() {
            root.detachAppender(appender);
        }
    }
}
