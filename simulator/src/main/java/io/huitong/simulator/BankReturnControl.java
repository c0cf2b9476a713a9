package io.huitong.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The control API's {@code POST /control/bank/returns} {@code {"reference":"po_...","reason":"AC04"}}: the bank sends a
 * payout it paid back ({@link BankReturns}) and answers 201 with the return's entry of its book (as
 * {@code GET /control/transactions?channel=bank} shows it, {@code notification} saying what came of the pacs.004 it
 * pushed). A body that is not such an object, or a reason that is not a four-character code, answers 400; a payout the
 * bank never made 404; one not settled, or returned already, 409.
 */
final class BankReturnControl {

    static final String PATH = "/control/bank/";
    private static final Logger log = LoggerFactory.getLogger(BankReturnControl.class);
    private static final int MAX_BODY = 4096;

    private final BankParty bank;
    private final ObjectMapper json;

    BankReturnControl(BankParty bank, ObjectMapper json) {
        this.bank = bank;
        this.json = json;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(PATH + "returns")) {
                reply(exchange, 404, error("no such resource: " + exchange.getRequestMethod() + " " + path));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, error(exchange.getRequestMethod() + " is not allowed here; POST a return"));
                return;
            }
            Map<?, ?> body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                body = bytes.length > MAX_BODY ? null : json.readValue(bytes, Map.class);
            } catch (JacksonException e) {
                body = null;
            }
            if (body == null) {
                reply(exchange, 400, error("the body must be a JSON object such as {\"reference\":\"po_...\",\"reason\":\"AC04\"}"));
                return;
            }
            for (Object key : body.keySet()) {
                if (!Set.of("reference", "reason").contains(key)) {
                    reply(exchange, 400, error("unknown field: " + key));
                    return;
                }
            }
            if (!(body.get("reference") instanceof String reference) || reference.isBlank()) {
                reply(exchange, 400, error("reference is required: the payout's reference, such as po_..."));
                return;
            }
            if (!(body.get("reason") instanceof String reason) || !BankReturns.validReason(reason)) {
                reply(exchange, 400, error("reason is required: an ISO 20022 return reason code of four capitals or digits, such as AC04"));
                return;
            }
            try {
                reply(exchange, 201, BankParty.describe(bank.returns().returnPayout(reference, reason)));
            } catch (BankReturns.Refused e) {
                reply(exchange, e.status(), error(e.getMessage()));
            }
        } catch (RuntimeException e) {
            log.warn("control API: {}", e.toString());
            reply(exchange, 500, error("internal error"));
        }
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", Map.of("message", message));
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
