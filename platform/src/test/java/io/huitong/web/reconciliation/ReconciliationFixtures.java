package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

/** Reconciliation through the API, for tests: statements fetched or uploaded, matching awaited, breaks and their counts. */
abstract class ReconciliationFixtures extends ChannelTraffic {

    static final List<String> CHANNELS = List.of("acq_a", "acq_b", "bank", "ecny", "walletpay");
    static final List<String> CLASSES = List.of("missing_in_ledger", "missing_in_channel", "amount_mismatch", "status_mismatch",
            "currency_mismatch", "duplicate", "timing");

    @AfterEach
    void clearFaults() {
        for (String channel : CHANNELS) {
            HttpResponse<String> r = control("PUT", "/control/statements/" + channel + "/faults", "{}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        clock.reset();
    }

    // ---- reconciliation ----

    Api.Response fetch(String channel, LocalDate date) {
        return api.postJson("/v1/admin/reconciliations", "{\"channel\":\"" + channel + "\",\"business_date\":\"" + date + "\"}",
                "Authorization", admin());
    }

    Api.Response upload(String channel, LocalDate date, byte[] file) {
        return api.send(api.request("/v1/admin/reconciliations/upload?channel=" + channel + "&business_date=" + date)
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).header("Content-Type", "text/csv").header("Authorization", admin()).build());
    }

    /** Fetches a channel's statement of a date and waits for its matching to complete. */
    JsonNode reconcile(String channel, LocalDate date) {
        Api.Response started = fetch(channel, date);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("object").asString()).isEqualTo("reconciliation");
        assertThat(started.json().path("id").asString()).startsWith("rec_");
        return completed(started.json().path("id").asString());
    }

    JsonNode completed(String id) {
        JsonNode r = await(() -> reconciliation(id), x -> !x.path("status").asString().equals("matching"));
        assertThat(r.path("status").asString()).as(r.toString()).isEqualTo("completed");
        assertThat(r.path("progress").path("done").asLong()).isEqualTo(r.path("progress").path("total").asLong());
        return r;
    }

    JsonNode reconciliation(String id) {
        Api.Response r = api.get("/v1/admin/reconciliations/" + id, "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    List<JsonNode> breaks(String reconciliation, String breakClass) {
        Api.Response r = api.get("/v1/admin/reconciliations/" + reconciliation + "/breaks?limit=100" + (breakClass == null ? "" : "&class=" + breakClass),
                "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().path("data").forEach(out::add);
        return out;
    }

    /** The counts of every break class: exactly {@code expected}, zero for the others. */
    static void assertBreaks(JsonNode reconciliation, Map<String, Integer> expected) {
        for (String c : CLASSES) {
            assertThat(reconciliation.path("counts").path(c).asLong()).as(c + " in " + reconciliation).isEqualTo(expected.getOrDefault(c, 0).longValue());
        }
    }

    void assertLedgerBalanced() {
        Api.Response check = api.get("/v1/admin/ledger/check", "Authorization", admin());
        assertThat(check.json().path("balanced").asBoolean()).as(check.body()).isTrue();
    }
}
