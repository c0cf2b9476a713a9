package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.reconciliation.ReconciliationCompleted;
import io.huitong.testsupport.Api;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The daily run: once its time of day has come, every channel's statement of the day before is fetched and reconciled
 * by itself, once; each reconciliation that completes is published as {@code reconciliation.completed} and counted in
 * the metrics.
 */
@Import(ReconciliationDailyRunTests.Completions.class)
abstract class ReconciliationDailyRunTests extends ReconciliationFixtures {

    @DynamicPropertySource
    static void daily(DynamicPropertyRegistry registry) {
        registry.add("huitong.reconciliation.interval", () -> "1s");
        registry.add("huitong.reconciliation.run-at", () -> "00:00");
    }

    /** The completions published, as a listener in another module would hear them. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Completions {

        final List<ReconciliationCompleted> heard = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ReconciliationCompleted completed) {
            heard.add(completed);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    Completions completions;

    @Test
    void everyChannelsStatementOfYesterdayIsReconciledByItselfOnce() {
        JsonNode list = await(() -> api.get("/v1/admin/reconciliations?limit=100", "Authorization", admin()).json(),
                l -> l.path("data").size() >= CHANNELS.size() && allCompleted(l));
        assertThat(list.path("data")).hasSize(CHANNELS.size());
        for (JsonNode r : list.path("data")) {
            assertThat(r.path("business_date").asString()).isEqualTo(today().minusDays(1).toString());
            assertThat(r.path("requested_by").asString()).isEqualTo("system");
            assertThat(CHANNELS).contains(r.path("channel").asString());
        }
        sleep(2_500);
        assertThat(api.get("/v1/admin/reconciliations?limit=100", "Authorization", admin()).json().path("data"))
                .as("once a day, not once a pass").hasSize(CHANNELS.size());

        // the first passes may run before listeners are registered at start-up: hear one made now
        payByCard(1_000);
        String id = reconcile("acq_a", today()).path("id").asString();
        ReconciliationCompleted heard = completions.heard.stream().filter(c -> c.reconciliation().equals(id)).findFirst().orElseThrow();
        assertThat(heard.channel()).isEqualTo("acq_a");
        assertThat(heard.businessDate()).isEqualTo(today());
        assertThat(heard.counts().matched()).isPositive();
        assertThat(heard.breaks()).isZero();
        assertThat(ReconciliationCompleted.TYPE).isEqualTo("reconciliation.completed");
        // kept in the event log as the platform's own event, for RabbitMQ, with the reconciliation and its counts
        String data = jdbc.sql("select data from event where merchant_id = 'platform' and type = 'reconciliation.completed'"
                + " and data like ?").param("%\"" + id + "\"%").query(String.class).single();
        JsonNode object = tools.jackson.databind.json.JsonMapper.builder().build().readTree(data);
        assertThat(object.path("id").asString()).isEqualTo(id);
        assertThat(object.path("object").asString()).isEqualTo("reconciliation");
        assertThat(object.path("counts").path("matched").asLong()).isEqualTo(heard.counts().matched());
        Api.Response metrics = api.get("/actuator/prometheus", "Accept", "text/plain", "Authorization", admin());
        assertThat(metrics.body()).contains("huitong_reconciliation_matching_seconds_count{channel=\"acq_a\"")
                .contains("huitong_reconciliation_lines_total{channel=\"bank\"");
    }

    private static boolean allCompleted(JsonNode list) {
        for (JsonNode r : list.path("data")) {
            if (!r.path("status").asString().equals("completed")) {
                return false;
            }
        }
        return true;
    }
}
