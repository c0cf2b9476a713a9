package io.huitong.web.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Risk control on card and order payments through the HTTP API: each default rule and list, reviews, challenges. */
abstract class RiskPaymentTests extends ApiTestSupport {

    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000);

    OnboardedMerchant merchant;

    @org.springframework.beans.factory.annotation.Autowired
    io.huitong.testsupport.MutableClock clock;

    @BeforeEach
    void merchant() {
        merchant = onboardMerchant("Risky Tea", "");
    }

    /** A Luhn-valid card the simulator approves, never used before. */
    static String card(String prefix) {
        return io.huitong.simulator.Simulator.approvedCard(prefix, CARDS.incrementAndGet());
    }

    static String card() {
        return card("411111");
    }

    static String body(long amount, String number, String context) {
        return "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\"" + number
                + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}" + (context == null ? "" : ",\"risk_context\":" + context) + "}";
    }

    Api.Response pay(long amount, String number, String context) {
        return api.postJson("/v1/payments", body(amount, number, context), "Authorization", merchant.bearer());
    }

    Api.Response admin(String path, String json) {
        return api.postJson(path, json, "Authorization", admin());
    }

    JsonNode payment(String id) {
        return api.get("/v1/payments/" + id, "Authorization", merchant.bearer()).json();
    }

    long pending() {
        JsonNode pending = api.get("/v1/balance", "Authorization", merchant.bearer()).json().path("pending");
        return pending.isEmpty() ? 0 : pending.get(0).path("amount").asLong();
    }

    void assertLedgerBalanced() {
        Api.Response check = api.get("/v1/admin/ledger/check", "Authorization", admin());
        assertThat(check.json().path("balanced").asBoolean()).as(check.body()).isTrue();
    }

    /** Tightens a rule for one test: the rules are shared by the tests of the class, so it is put back after. */
    void withRule(String id, String expression, Runnable test) {
        String before = api.get("/v1/admin/risk/rules/" + id, "Authorization", admin()).json().path("expression").asString();
        colleague.approve(admin("/v1/admin/risk/rules/" + id, "{\"expression\":\"" + expression + "\"}"));
        try {
            test.run();
        } finally {
            colleague.approve(admin("/v1/admin/risk/rules/" + id, "{\"expression\":\"" + before + "\"}"));
        }
    }

    void assertBlocked(Api.Response r, String reason) {
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.error("type")).isEqualTo("risk_error");
        assertThat(r.error("code")).isEqualTo("risk_blocked");
        JsonNode p = payment(r.error("payment"));
        assertThat(p.path("status").asString()).isEqualTo("failed");
        assertThat(p.path("failure_code").asString()).isEqualTo("risk_blocked");
        assertThat(p.path("risk").path("decision").asString()).isEqualTo("block");
        assertThat(p.path("risk").path("reasons").toString()).contains(reason);
    }

    JsonNode assertAllowed(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(r.json().path("risk").path("decision").asString()).isEqualTo("allow");
        return r.json();
    }

    @Test
    void everyPaymentCarriesItsDecision() {
        // the fraud model weighs the hour of day (Asia/Shanghai): an ordinary payment is an afternoon's, not one at 3 a.m.
        clock.setTo(clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).withHour(15).withMinute(0).toInstant());
        JsonNode p;
        try {
            p = assertAllowed(pay(1000, card(), null));
        } finally {
            clock.reset();
        }
        // no rule matched: the score is the fraud model's, low for an ordinary payment
        assertThat(p.path("risk").path("score").asInt()).isBetween(0, 20);
        assertThat(p.path("risk").path("reasons").isArray()).isTrue();
    }

    @Test
    void aMalformedRiskContextIsA400NamingTheField() {
        assertThat(pay(1000, card(), "{\"ip\":\"300.1.1.1\"}").error("param")).isEqualTo("risk_context.ip");
        assertThat(pay(1000, card(), "{\"ip\":\"example.com\"}").error("param")).isEqualTo("risk_context.ip");
        assertThat(pay(1000, card(), "{\"country\":\"China\"}").error("param")).isEqualTo("risk_context.country");
        assertThat(pay(1000, card(), "{\"latitude\":91,\"longitude\":0}").error("param")).isEqualTo("risk_context.latitude");
        assertThat(pay(1000, card(), "{\"latitude\":0,\"longitude\":-181}").error("param")).isEqualTo("risk_context.longitude");
        assertThat(pay(1000, card(), "{\"device_id\":\"" + "d".repeat(129) + "\"}").error("param")).isEqualTo("risk_context.device_id");
        assertAllowed(pay(1000, card(), "{\"ip\":\"2001:db8::1\",\"device_id\":\"d1\",\"country\":\"cn\",\"latitude\":31.2,"
                + "\"longitude\":121.5,\"user_agent\":\"Mozilla/5.0\"}"));
    }

    @Test
    void aBlockedPaymentIs402AndMovesNothing() {
        String number = card();
        Api.Response listed = admin("/v1/admin/risk/lists/card", "{\"card_number\":\"" + number + "\",\"action\":\"block\",\"reason\":\"stolen\"}");
        assertThat(listed.status()).as(listed.body()).isEqualTo(201);

        Api.Response blocked = pay(1000, number, null);
        assertBlocked(blocked, "list:card:block");
        assertThat(blocked.body()).doesNotContain(number);
        assertThat(pending()).isZero();
        assertLedgerBalanced();

        assertAllowed(pay(1000, card(), null));
    }

    @Test
    void deviceIpAndMerchantLists() {
        admin("/v1/admin/risk/lists/device", "{\"value\":\"dev-stolen\",\"action\":\"block\"}");
        assertBlocked(pay(1000, card(), "{\"device_id\":\"dev-stolen\"}"), "list:device:block");
        assertAllowed(pay(1000, card(), "{\"device_id\":\"dev-fine\"}"));

        admin("/v1/admin/risk/lists/ip", "{\"value\":\"81.2.69.7\",\"action\":\"block\"}");
        assertBlocked(pay(1000, card(), "{\"ip\":\"81.2.69.7\"}"), "list:ip:block");
        assertAllowed(pay(1000, card(), "{\"ip\":\"81.2.69.8\"}"));

        OnboardedMerchant other = onboardMerchant("Listed Merchant", "");
        admin("/v1/admin/risk/lists/merchant", "{\"value\":\"" + other.id() + "\",\"action\":\"block\"}");
        Api.Response r = api.postJson("/v1/payments", body(1000, card(), null), "Authorization", other.bearer());
        assertThat(r.status()).isEqualTo(402);
        assertThat(r.error("code")).isEqualTo("risk_blocked");
        assertAllowed(pay(1000, card(), null));
    }

    @Test
    void anAllowListedCardSkipsTheRulesButABlockListWins() {
        String trusted = card();
        admin("/v1/admin/risk/lists/card", "{\"card_number\":\"" + trusted + "\",\"action\":\"allow\"}");
        JsonNode p = assertAllowed(pay(100_000_000, trusted, null));
        assertThat(p.path("risk").path("reasons").get(0).asString()).isEqualTo("list:card:allow");
        assertBlocked(pay(100_000_000, card(), null), "amount_limit_block");

        admin("/v1/admin/risk/lists/ip", "{\"value\":\"81.2.69.9\",\"action\":\"block\"}");
        assertBlocked(pay(1000, trusted, "{\"ip\":\"81.2.69.9\"}"), "list:ip:block");
    }

    @Test
    void countryMismatchChallengesAndTheAuthenticatedPaymentSucceeds() {
        // a Chinese card from a Chinese address, the payer declaring the US: the address is the card's country
        assertAllowed(pay(2000, card("620000"), "{\"ip\":\"114.114.114.114\",\"country\":\"US\"}"));
        // a US address for a Chinese card whose payer says they are in China
        Api.Response r = pay(2000, card("620000"), "{\"ip\":\"8.8.8.8\",\"country\":\"CN\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode p = r.json();
        assertThat(p.path("status").asString()).isEqualTo("requires_action");
        assertThat(p.path("risk").path("decision").asString()).isEqualTo("challenge");
        assertThat(p.path("risk").path("reasons").toString()).contains("country_mismatch");
        assertThat(p.path("next_action").path("type").asString()).isEqualTo("authenticate");
        String url = p.path("next_action").path("url").asString();
        String[] parts = url.substring(url.indexOf("/pay/authenticate/")).split("\\?");
        Api.Response answered = api.send(api.request(parts[0] + "/complete?" + parts[1])
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(answered.status()).isEqualTo(200);
        assertThat(payment(p.path("id").asString()).path("status").asString()).isEqualTo("succeeded");
        assertLedgerBalanced();

        assertAllowed(pay(2000, card("620000"), "{\"ip\":\"114.114.114.114\",\"country\":\"CN\"}"));
    }

    @Test
    void aLargeAmountIsHeldForReviewAndApprovedItSucceeds() {
        String number = card();
        Api.Response r = pay(10_000_000, number, null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode p = r.json();
        assertThat(p.path("status").asString()).isEqualTo("processing");
        assertThat(p.path("risk").path("decision").asString()).isEqualTo("review");
        assertThat(p.path("risk").path("reasons").toString()).contains("amount_limit_review");
        assertThat(p.path("amount_capturable").asLong()).isEqualTo(10_000_000);
        assertThat(pending()).isZero();
        assertLedgerBalanced();

        JsonNode reviews = api.get("/v1/admin/risk/reviews?status=open", "Authorization", admin()).json().path("data");
        JsonNode review = null;
        for (JsonNode c : reviews) {
            if (c.path("reference").asString().equals(p.path("id").asString())) {
                review = c;
            }
        }
        assertThat(review).isNotNull();
        String reviewId = review.path("id").asString();
        JsonNode detail = api.get("/v1/admin/risk/reviews/" + reviewId, "Authorization", admin()).json();
        assertThat(detail.path("review").path("reasons").toString()).contains("amount_limit_review");
        assertThat(detail.path("actions").findValuesAsString("action")).contains("opened", "viewed");

        Api.Response approved = admin("/v1/admin/risk/reviews/" + reviewId + "/approve", "{\"note\":\"called the customer\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("approved");
        assertThat(approved.json().path("decided_by").asString()).isEqualTo("admin");
        JsonNode after = payment(p.path("id").asString());
        assertThat(after.path("status").asString()).isEqualTo("succeeded");
        assertThat(after.path("amount_received").asLong()).isEqualTo(10_000_000);
        assertThat(pending()).isEqualTo(10_000_000 - after.path("fee").asLong(0) - (10_000_000 * 3 / 100));
        assertLedgerBalanced();
        assertThat(admin("/v1/admin/risk/reviews/" + reviewId + "/reject", "{}").status()).isEqualTo(409);

        // the payer's history shows on the next case for the same card
        JsonNode second = pay(10_000_000, number, null).json();
        String next = null;
        for (JsonNode c : api.get("/v1/admin/risk/reviews?status=open", "Authorization", admin()).json().path("data")) {
            if (c.path("reference").asString().equals(second.path("id").asString())) {
                next = c.path("id").asString();
            }
        }
        JsonNode history = api.get("/v1/admin/risk/reviews/" + next, "Authorization", admin()).json().path("history");
        assertThat(history.findValuesAsString("reference")).contains(p.path("id").asString());
    }

    @Test
    void aRejectedReviewCancelsThePaymentAndReleasesTheHold() {
        JsonNode p = pay(10_000_000, card(), null).json();
        assertThat(p.path("status").asString()).isEqualTo("processing");
        String reviewId = null;
        for (JsonNode c : api.get("/v1/admin/risk/reviews", "Authorization", admin()).json().path("data")) {
            if (c.path("reference").asString().equals(p.path("id").asString())) {
                reviewId = c.path("id").asString();
            }
        }
        Api.Response rejected = admin("/v1/admin/risk/reviews/" + reviewId + "/reject", "{\"note\":\"stolen card\"}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("rejected");
        JsonNode after = payment(p.path("id").asString());
        assertThat(after.path("status").asString()).isEqualTo("canceled");
        assertThat(after.path("amount_capturable").asLong()).isZero();
        assertThat(pending()).isZero();
        assertLedgerBalanced();
        // a merchant cannot cancel a payment in review itself
        JsonNode held = pay(10_000_000, card(), null).json();
        assertThat(api.postJson("/v1/payments/" + held.path("id").asString() + "/cancel", "", "Authorization", merchant.bearer()).status())
                .isEqualTo(409);
    }

    @Test
    void aCustomRuleInDryRunRecordsWithoutActingThenActsOnceActive() {
        Api.Response created = admin("/v1/admin/risk/rules", "{\"id\":\"odd_amount\",\"name\":\"Odd amount\","
                + "\"expression\":\"amount == 4243 && currency == 'CNY'\",\"action\":\"block\",\"score\":10,\"mode\":\"dry_run\"}");
        colleague.approve(created);
        int version = api.get("/v1/admin/risk/rules", "Authorization", admin()).json().path("version").asInt();

        JsonNode p = assertAllowed(pay(4243, card(), null));
        JsonNode hits = api.get("/v1/admin/risk/dry_run_hits?rule=odd_amount", "Authorization", admin()).json().path("data");
        assertThat(hits.findValuesAsString("reference")).contains(p.path("id").asString());
        assertThat(hits.get(0).path("action").asString()).isEqualTo("block");
        assertThat(hits.get(0).path("rule_version").asInt()).isEqualTo(version);

        colleague.approve(admin("/v1/admin/risk/rules/odd_amount", "{\"mode\":\"active\"}"));
        assertThat(api.get("/v1/admin/risk/rules", "Authorization", admin()).json().path("version").asInt()).isEqualTo(version + 1);
        assertBlocked(pay(4243, card(), null), "odd_amount");
        assertAllowed(pay(4244, card(), null));
    }

    @Test
    void cardVelocity() {
        withRule("card_velocity", "velocity.card.count_1h >= 3 || velocity.card.sum_24h >= 50000000", () -> {
            String number = card();
            for (int i = 0; i < 3; i++) {
                assertAllowed(pay(1000, number, null));
            }
            assertBlocked(pay(1000, number, null), "card_velocity");
            assertAllowed(pay(1000, card(), null));
        });
    }

    @Test
    void deviceVelocity() {
        withRule("device_velocity", "velocity.device.count_24h >= 3", () -> {
            for (int i = 0; i < 3; i++) {
                assertAllowed(pay(1000, card(), "{\"device_id\":\"busy-device\"}"));
            }
            Api.Response held = pay(1000, card(), "{\"device_id\":\"busy-device\"}");
            assertThat(held.json().path("risk").path("decision").asString()).isEqualTo("review");
            assertThat(held.json().path("risk").path("reasons").toString()).contains("device_velocity");
            assertAllowed(pay(1000, card(), "{\"device_id\":\"quiet-device\"}"));
        });
    }

    @Test
    void ipVelocity() {
        withRule("ip_velocity", "velocity.ip.count_1h >= 3", () -> {
            for (int i = 0; i < 3; i++) {
                assertAllowed(pay(2000, card(), "{\"ip\":\"81.2.69.20\"}"));
            }
            assertBlocked(pay(2000, card(), "{\"ip\":\"81.2.69.20\"}"), "ip_velocity");
            assertAllowed(pay(2000, card(), "{\"ip\":\"81.2.69.21\"}"));
        });
    }

    @Test
    void merchantVelocity() {
        OnboardedMerchant busy = onboardMerchant("Busy Shop", "");
        withRule("merchant_velocity", "velocity.merchant.sum_24h >= 5000 && merchant == '" + busy.id() + "'", () -> {
            assertThat(api.postJson("/v1/payments", body(5000, card(), null), "Authorization", busy.bearer()).status()).isEqualTo(201);
            Api.Response held = api.postJson("/v1/payments", body(1000, card(), null), "Authorization", busy.bearer());
            assertThat(held.json().path("risk").path("reasons").toString()).as(held.body()).contains("merchant_velocity");
            assertAllowed(pay(1000, card(), null));
        });
    }

    @Test
    void cardTestingFromOneIp() {
        for (int i = 0; i < 10; i++) {
            assertAllowed(pay(100, card(), "{\"ip\":\"81.2.69.30\"}"));
        }
        assertBlocked(pay(100, card(), "{\"ip\":\"81.2.69.30\"}"), "card_testing");
        assertAllowed(pay(5000, card(), "{\"ip\":\"81.2.69.30\"}"));
    }

    @Test
    void aNewDeviceWithALargeAmountIsChallenged() {
        String number = card();
        assertAllowed(pay(1000, number, "{\"device_id\":\"home\"}"));
        JsonNode p = pay(600_000, number, "{\"device_id\":\"elsewhere\"}").json();
        assertThat(p.path("status").asString()).isEqualTo("requires_action");
        assertThat(p.path("risk").path("reasons").toString()).contains("new_device_large_amount");
        assertAllowed(pay(600_000, card(), null));
    }

    @Test
    void impossibleTravel() {
        String number = card();
        assertAllowed(pay(1000, number, "{\"latitude\":31.23,\"longitude\":121.47}"));
        JsonNode p = pay(1000, number, "{\"latitude\":51.5,\"longitude\":-0.12}").json();
        assertThat(p.path("risk").path("decision").asString()).isEqualTo("review");
        assertThat(p.path("risk").path("reasons").toString()).contains("impossible_travel");

        String nearby = card();
        assertAllowed(pay(1000, nearby, "{\"latitude\":31.23,\"longitude\":121.47}"));
        assertAllowed(pay(1000, nearby, "{\"latitude\":31.3,\"longitude\":121.5}"));
    }

    @Test
    void anAmountFarAboveThePayersHistoryIsChallenged() {
        String number = card();
        for (int i = 0; i < 3; i++) {
            assertAllowed(pay(1000, number, null));
        }
        assertAllowed(pay(20_000, number, null)); // 20 times: a treat, not yet news
        JsonNode p = pay(600_000, number, null).json();
        assertThat(p.path("status").asString()).isEqualTo("requires_action");
        assertThat(p.path("risk").path("reasons").toString()).contains("amount_above_history");
        assertAllowed(pay(600_000, card(), null));
    }

    @Test
    void orderPaymentsAreDecidedToo() {
        admin("/v1/admin/risk/lists/ip", "{\"value\":\"81.2.69.40\",\"action\":\"block\"}");
        String qr = "{\"amount\":1000,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"},\"risk_context\":{\"ip\":\"81.2.69.40\"}}";
        Api.Response r = api.postJson("/v1/payments", qr, "Authorization", merchant.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.error("type")).isEqualTo("risk_error");
        Api.Response ok = api.postJson("/v1/payments", qr.replace("81.2.69.40", "81.2.69.41"), "Authorization", merchant.bearer());
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().path("risk").path("decision").asString()).isEqualTo("allow");
    }
}
