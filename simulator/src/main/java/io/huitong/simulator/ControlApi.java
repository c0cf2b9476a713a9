package io.huitong.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's control API, plain JSON over HTTP, for tests and demonstrations that need an acquirer
 * to fail on purpose:
 * <ul>
 *   <li>{@code GET /control/channels}: every acquirer, where it listens and how it behaves;</li>
 *   <li>{@code PUT /control/channels/{name}} {@code {"mode":"up","latency_ms":0,"error_rate":0.0}}: changes that
 *       (fields left out keep their value); the bank also takes {@code "settle_delay_ms"} (0 to 600000), how long a
 *       transfer or payout it accepts from then on as pending takes to settle or fail;</li>
 *   <li>{@code POST /control/bank/returns} {@code {"reference":"po_...","reason":"AC04"}}: the bank sends a payout it paid
 *       back ({@link BankReturnControl});</li>
 *   <li>{@code GET /control/transactions?channel=acq_a}: the acquirer's book (cards masked);</li>
 *   <li>{@code GET /control/statements/{channel}?date=YYYY-MM-DD} and {@code GET|PUT /control/statements/{channel}/faults}:
 *       each party's daily statement, with faults planted on demand ({@link StatementControl}).</li>
 * </ul>
 * Errors answer {@code {"error":{"message":"..."}}} with 400 or 404.
 */
final class ControlApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlApi.class);
    private static final int MAX_BODY = 4096;

    private final Map<String, Party> parties;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final HttpServer server;

    ControlApi(Map<String, Party> parties, InetSocketAddress address) throws IOException {
        this.parties = parties;
        this.server = HttpServer.create(address, 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/control/", this::handle);
        server.createContext(StatementControl.PATH, new StatementControl(parties, json)::handle);
        if (parties.get(BankParty.NAME) instanceof BankParty bank) {
            server.createContext(BankReturnControl.PATH, new BankReturnControl(bank, json)::handle);
        }
        for (Party party : parties.values()) {
            if (party instanceof HttpParty http) {
                server.createContext(http.path(), http.handler());
            }
        }
        server.start();
        String host = server.getAddress().getAddress().getHostAddress();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
        for (Party party : parties.values()) {
            if (party instanceof HttpParty http) {
                http.mounted(server, base);
            }
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/control/channels") && method.equals("GET")) {
                reply(exchange, 200, parties.values().stream().map(Party::describe).toList());
            } else if (path.startsWith("/control/channels/") && method.equals("PUT")) {
                change(exchange, path.substring("/control/channels/".length()));
            } else if (path.equals("/control/transactions") && method.equals("GET")) {
                transactions(exchange);
            } else {
                error(exchange, 404, "no such resource: " + method + " " + path);
            }
        } catch (RuntimeException e) {
            log.warn("control API: {}", e.toString());
            error(exchange, 500, "internal error");
        }
    }

    private void change(HttpExchange exchange, String name) throws IOException {
        Party party = parties.get(name);
        if (party == null) {
            error(exchange, 404, "no channel named " + name);
            return;
        }
        Map<?, ?> body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                error(exchange, 400, "the body is too large");
                return;
            }
            body = json.readValue(bytes, Map.class);
        } catch (JacksonException e) {
            error(exchange, 400, "the body must be a JSON object");
            return;
        }
        ChannelSettings next;
        Runnable adjust;
        try {
            Map<Object, Object> common = body == null ? null : new LinkedHashMap<>(body);
            Map<Object, Object> own = new LinkedHashMap<>();
            for (String field : party.adjustable()) {
                if (common != null && common.containsKey(field)) {
                    own.put(field, common.remove(field));
                }
            }
            next = settings(common, party.settings());
            adjust = own.isEmpty() ? () -> { } : party.adjust(own);
        } catch (IllegalArgumentException e) {
            error(exchange, 400, e.getMessage());
            return;
        }
        party.settings(next);
        adjust.run();
        reply(exchange, 200, party.describe());
    }

    /** The settings a PUT body asks for, starting from the current ones. */
    static ChannelSettings settings(Map<?, ?> body, ChannelSettings current) {
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        for (Object key : body.keySet()) {
            if (!List.of("mode", "latency_ms", "error_rate").contains(key)) {
                throw new IllegalArgumentException("unknown field: " + key);
            }
        }
        Mode mode = current.mode();
        if (body.containsKey("mode")) {
            mode = body.get("mode") instanceof String s ? Mode.ofWire(s) : null;
            if (mode == null) {
                throw new IllegalArgumentException("mode must be one of up, down, error, timeout, late_approve");
            }
        }
        long latency = current.latencyMs();
        if (body.containsKey("latency_ms")) {
            if (!(body.get("latency_ms") instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue())) {
                throw new IllegalArgumentException("latency_ms must be a whole number of milliseconds");
            }
            latency = n.longValue();
        }
        double errorRate = current.errorRate();
        if (body.containsKey("error_rate")) {
            if (!(body.get("error_rate") instanceof Number n)) {
                throw new IllegalArgumentException("error_rate must be a number between 0.0 and 1.0");
            }
            errorRate = n.doubleValue();
        }
        return new ChannelSettings(mode, latency, errorRate);
    }

    private void transactions(HttpExchange exchange) throws IOException {
        String name = query(exchange, "channel");
        if (name == null) {
            error(exchange, 400, "the channel parameter is required");
            return;
        }
        Party party = parties.get(name);
        if (party == null) {
            error(exchange, 404, "no channel named " + name);
            return;
        }
        reply(exchange, 200, party.book());
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        reply(exchange, status, Map.of("error", Map.of("message", message)));
    }

    private void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
