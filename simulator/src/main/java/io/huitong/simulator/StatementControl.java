package io.huitong.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The control API's statement resources:
 * <ul>
 *   <li>{@code GET /control/statements/{channel}?date=YYYY-MM-DD}: the party's statement of that business date
 *       (Asia/Shanghai), from its own book, in its own format and {@code Content-Type}, faults included;</li>
 *   <li>{@code PUT /control/statements/{channel}/faults} {@code {"drop":[ref],"duplicate":[ref],"amount":{ref:delta},
 *       "status":[ref],"delay":[ref],"unknown":n}}: the faults of every statement served from then on ({@code {}}
 *       clears them; {@link StatementFaults});</li>
 *   <li>{@code GET /control/statements/{channel}/faults}: the faults in force.</li>
 * </ul>
 * Faults name a line by our reference; the bank's entry of a batch booked as one by the batch's reference (the pain.001's
 * {@code PmtInfId}). An unknown channel answers 404, a bad date or body 400, a fault that cannot apply (an amount made
 * non-positive) 409.
 */
final class StatementControl {

    static final String PATH = "/control/statements/";
    private static final Logger log = LoggerFactory.getLogger(StatementControl.class);
    /** Fault lists name references: room for thousands of them. */
    private static final int MAX_BODY = 1_000_000;

    private final Map<String, Party> parties;
    private final ObjectMapper json;

    StatementControl(Map<String, Party> parties, ObjectMapper json) {
        this.parties = parties;
        this.json = json;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rest = exchange.getRequestURI().getPath().substring(PATH.length());
            String method = exchange.getRequestMethod();
            boolean faults = rest.endsWith("/faults");
            String name = faults ? rest.substring(0, rest.length() - "/faults".length()) : rest;
            Party party = parties.get(name);
            if (party == null || party.statement() == null) {
                error(exchange, 404, name.isEmpty() || name.contains("/") ? "no such resource: " + method + " " + exchange.getRequestURI().getPath()
                        : "no channel named " + name + " publishes a statement");
                return;
            }
            ChannelStatement<?> statement = party.statement();
            if (faults && method.equals("GET")) {
                reply(exchange, 200, statement.faults().describe());
            } else if (faults && method.equals("PUT")) {
                putFaults(exchange, name, statement);
            } else if (!faults && method.equals("GET")) {
                serve(exchange, statement);
            } else {
                error(exchange, 405, method + " is not allowed here");
            }
        } catch (RuntimeException e) {
            log.warn("control API: {}", e.toString());
            error(exchange, 500, "internal error");
        }
    }

    private void putFaults(HttpExchange exchange, String name, ChannelStatement<?> statement) throws IOException {
        StatementFaults next;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                error(exchange, 400, "the body is too large");
                return;
            }
            next = StatementFaults.parse(json.readValue(bytes, Map.class));
        } catch (JacksonException e) {
            error(exchange, 400, "the body must be a JSON object");
            return;
        } catch (IllegalArgumentException e) {
            error(exchange, 400, e.getMessage());
            return;
        }
        statement.faults(next);
        log.info("{}: statement faults now {}", name, next.describe());
        reply(exchange, 200, next.describe());
    }

    private <L> void serve(HttpExchange exchange, ChannelStatement<L> statement) throws IOException {
        String text = param(exchange.getRequestURI().getRawQuery(), "date");
        LocalDate date = date(text);
        if (date == null) {
            error(exchange, 400, "the date parameter (YYYY-MM-DD, a business date in Asia/Shanghai) is required" + (text == null ? "" : ", not " + text));
            return;
        }
        ChannelStatement.Prepared<L> prepared;
        try {
            prepared = statement.prepare(date, null);
        } catch (IllegalArgumentException e) {
            error(exchange, 409, e.getMessage());
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", statement.contentType());
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + statement.fileName(date) + "\"");
        exchange.sendResponseHeaders(200, 0); // streamed: a large statement is never held whole
        statement.write(prepared, exchange.getResponseBody());
    }

    /** A query parameter's decoded value, or null. */
    static String param(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** {@code YYYY-MM-DD} as a date, or null. */
    static LocalDate date(String text) {
        if (text == null || !text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
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
}
