package io.huitong.web.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.insights.MerchantInsights;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The platform for the merchant dashboard's read side over the API: payments made through the API with test cards, at times
 * of the test's choosing, and the overview, the rollup and the payment list read back. Each test has days of its own, later
 * than the previous test's (of either class), so that the rollup (one per platform) only ever sees time go forward.
 */
abstract class InsightsApiSupport extends ApiTestSupport {

    static final String DECLINED = "4000000000000002";
    private static final AtomicInteger DAYS = new AtomicInteger();

    @Autowired
    MutableClock clock;

    @Autowired
    MerchantInsights insights;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void rollupByHand(DynamicPropertyRegistry registry) {
        registry.add("huitong.insights.rollup-automatic", () -> "false");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A day (Asia/Shanghai, yyyy-MM-dd) no earlier test used, two days after the last one. */
    static String freshDay() {
        return java.time.LocalDate.of(2027, 3, 1).plusDays(3L * DAYS.incrementAndGet()).toString();
    }

    static String dayBefore(String day) {
        return java.time.LocalDate.parse(day).minusDays(1).toString();
    }

    void at(String day, String time) {
        clock.setTo(Instant.parse(day + "T" + time + "+08:00"));
    }

    static String card() {
        return io.huitong.simulator.Simulator.approvedCard("424242", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    JsonNode pay(OnboardedMerchant m, long amount, String currency, String extra) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"payment_method\":"
                + "{\"type\":\"card\",\"card\":{\"number\":\"" + card() + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}"
                + (extra.isEmpty() ? "" : "," + extra) + "}", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    String paid(OnboardedMerchant m, long amount) {
        JsonNode p = pay(m, amount, "CNY", "");
        assertThat(p.path("status").asString()).isEqualTo("succeeded");
        return p.path("id").asString();
    }

    String declined(OnboardedMerchant m, long amount) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":"
                + "{\"type\":\"card\",\"card\":{\"number\":\"" + DECLINED + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        return r.json().path("error").path("payment").asString();
    }

    void refund(OnboardedMerchant m, String payment, long amount) {
        Api.Response r = api.postJson("/v1/refunds", "{\"payment\":\"" + payment + "\",\"amount\":" + amount + "}", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    JsonNode overview(OnboardedMerchant m, String period) {
        Api.Response r = api.get("/v1/insights/overview?period=" + period, "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static JsonNode currency(JsonNode overview, String currency) {
        for (JsonNode c : overview.path("currencies")) {
            if (c.path("currency").asString().equals(currency)) {
                return c;
            }
        }
        throw new AssertionError("no " + currency + " in " + overview);
    }

    JsonNode roll() {
        Api.Response r = api.postJson("/v1/admin/insights/rollup", "{}", "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static long trendAmount(JsonNode c, String start) {
        for (JsonNode t : c.path("trend")) {
            if (Instant.parse(t.path("start").asString()).equals(Instant.parse(start))) {
                return t.path("succeeded_amount").asLong();
            }
        }
        throw new AssertionError("no bucket " + start + " in " + c.path("trend"));
    }

    static int currencyCount(JsonNode overview) {
        return overview.path("currencies").size();
    }

    List<String> ids(String query) {
        Api.Response r = api.get("/v1/payments?limit=100" + (query.isEmpty() ? "" : "&" + query), "Authorization", currentBearer);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().path("data").forEach(p -> out.add(p.path("id").asString()));
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String currentBearer;

    @Override
    protected OnboardedMerchant onboardMerchant(String name, String extraJson) {
        OnboardedMerchant m = super.onboardMerchant(name, extraJson);
        currentBearer = m.bearer();
        return m;
    }
}
