package io.huitong.web.aml;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.aml.AmlMonitoring;
import io.huitong.aml.NewAmlTransaction;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The AML reports' list narrowed to what an analyst works through: suspicious-pattern alerts of one rule, and reports of
 * business days on or after a day ({@code rule}, {@code date_gte}); a rule the platform does not report under, or one of the
 * other type, and a day that is no day are refused naming the parameter.
 */
abstract class AmlAlertFilterApiTests extends ApiTestSupport {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 10,000.00 CNY: a round amount, far under any large-value figure. */
    private static final long ROUND = 1_000_000L;

    @Autowired
    AmlMonitoring monitoring;

    @Autowired
    MutableClock clock;

    void debit(String customer, long amount, Instant at) {
        monitoring.record(new NewAmlTransaction("test:" + UUID.randomUUID(), "test_transfer", customer, "individual", "debit",
                "counterparty-" + UUID.randomUUID(), null, null, amount, "CNY", false, false, at));
    }

    List<String> rules(String query) {
        Api.Response r = api.get("/v1/admin/aml/reports?limit=100&" + query, "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode report : r.json().path("data")) {
            out.add(report.path("type").asString() + "/" + report.path("rule").asString() + "/" + report.path("business_day").asString());
        }
        return out;
    }

    @Test
    void alertsAreNarrowedByRuleAndByBusinessDayOnOrAfterADay() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, SHANGHAI);
        String recent = "card:alerts-recent-" + UUID.randomUUID();
        String older = "card:alerts-older-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            debit(recent, ROUND, now.minusSeconds(60L * (3 - i)));
            debit(older, ROUND, now.minus(Duration.ofDays(20)).minusSeconds(60L * (3 - i)));
        }
        debit(recent, 50 * 1_000_000L, now);
        LocalDate twentyDaysAgo = LocalDate.ofInstant(now.minus(Duration.ofDays(20)), SHANGHAI);

        assertThat(rules("customer=" + recent)).containsExactlyInAnyOrder("suspicious/round_amounts/" + today,
                "large_value/individual_transfer/" + today);
        assertThat(rules("type=suspicious&customer=" + recent)).containsExactly("suspicious/round_amounts/" + today);
        assertThat(rules("rule=round_amounts&customer=" + recent)).containsExactly("suspicious/round_amounts/" + today);
        assertThat(rules("rule=individual_transfer&customer=" + recent)).containsExactly("large_value/individual_transfer/" + today);
        assertThat(rules("type=suspicious&rule=fan_out&customer=" + recent)).isEmpty();

        assertThat(rules("type=suspicious&customer=" + older)).containsExactly("suspicious/round_amounts/" + twentyDaysAgo);
        assertThat(rules("type=suspicious&date_gte=" + today.minusDays(6) + "&customer=" + older)).as("not within the last 7 days").isEmpty();
        assertThat(rules("type=suspicious&date_gte=" + today.minusDays(29) + "&customer=" + older)).hasSize(1);
        assertThat(rules("type=suspicious&date_gte=" + twentyDaysAgo + "&customer=" + older)).as("the day itself is included").hasSize(1);
        assertThat(rules("type=suspicious&date_gte=" + twentyDaysAgo.plusDays(1) + "&customer=" + older)).isEmpty();
        assertThat(rules("date_gte=" + today + "&customer=" + recent)).hasSize(2);
        assertThat(rules("type=suspicious&rule=round_amounts&date_gte=" + today.minusDays(29)))
                .contains("suspicious/round_amounts/" + today, "suspicious/round_amounts/" + twentyDaysAgo)
                .allSatisfy(r -> assertThat(r).startsWith("suspicious/round_amounts/"));

        String[][] refused = {
                {"rule=laundering", "rule"},
                {"type=suspicious&rule=individual_transfer", "rule"},
                {"type=large_value&rule=round_amounts", "rule"},
                {"date_gte=yesterday", "date_gte"},
                {"date_gte=2026-02-30", "date_gte"},
        };
        for (String[] c : refused) {
            Api.Response r = api.get("/v1/admin/aml/reports?" + c[0], "Authorization", admin());
            assertThat(r.status()).as(c[0] + " " + r.body()).isEqualTo(400);
            assertThat(r.error("code")).as(c[0]).isEqualTo("parameter_invalid");
            assertThat(r.error("param")).as(c[0]).isEqualTo(c[1]);
        }
    }
}
