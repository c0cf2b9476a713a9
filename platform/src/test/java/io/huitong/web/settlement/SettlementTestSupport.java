package io.huitong.web.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What the settlement HTTP tests do over and over: set the platform's clock to a time in Asia/Shanghai, take card
 * payments and refunds, post exchange rates, run settlement for a business date and wait for the run, and read
 * settlements, their lines, balances and the ledger check back.
 */
abstract class SettlementTestSupport extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String SETTLES = "6222004000000004242";
    static final String BANK = "999900000001";

    @Autowired
    MutableClock clock;

    /** A merchant of the tests: its id and secret key, and the terms it was onboarded with. */
    record Shop(String id, String key, String schedule, String settlementCurrency, int feeBps, long feeFixed) {

        String bearer() {
            return Api.bearer(key);
        }

        /** The business days its schedule counts: T0, T1, T2. */
        int days() {
            return Integer.parseInt(schedule.substring(1));
        }

        /** The fee on a payment, as the terms say: basis points rounded half up, plus the fixed fee, at most the amount. */
        long fee(long amount) {
            return Math.min(amount, (amount * feeBps + 5_000) / 10_000 + feeFixed);
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Sets the clock to a time of day in Asia/Shanghai. */
    void at(LocalDateTime shanghai) {
        clock.setTo(shanghai.atZone(SHANGHAI).toInstant());
    }

    void at(String shanghai) {
        at(LocalDateTime.parse(shanghai));
    }

    Instant now() {
        return clock.instant();
    }

    /** A card number nobody used yet, with a valid Luhn digit, so that no card velocity rule sees a repeat. */
    static String card() {
        return io.huitong.simulator.Simulator.approvedCard("424242", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    String pay(Shop m, long amount, String currency) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"payment_method\":"
                + "{\"type\":\"card\",\"card\":{\"number\":\"" + card() + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("succeeded");
        return r.json().path("id").asString();
    }

    String refund(Shop m, String payment, long amount) {
        Api.Response r = api.postJson("/v1/refunds", "{\"payment\":\"" + payment + "\",\"amount\":" + amount + "}", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("succeeded");
        return r.json().path("id").asString();
    }

    /**
     * A merchant on a schedule (T0, T1, T2) settled in a currency, with a fee, and a settlement bank account when
     * {@code withBankAccount} (without one, settled money stays available).
     */
    Shop merchant(String name, String schedule, String settlementCurrency, int feeBps, long feeFixed, boolean withBankAccount) {
        OnboardedMerchant onboarded = onboardMerchant(name, "\"settlement_schedule\":\"" + schedule + "\",\"settlement_currency\":\""
                + settlementCurrency + "\",\"fee_percent_bps\":" + feeBps + ",\"fee_fixed\":" + feeFixed);
        Shop m = new Shop(onboarded.id(), onboarded.key(), schedule, settlementCurrency, feeBps, feeFixed);
        if (withBankAccount) {
            Api.Response r = api.putJson("/v1/admin/merchants/" + m.id() + "/bank_account", "{\"bank_code\":\"" + BANK
                    + "\",\"account_number\":\"" + SETTLES + "\",\"account_name\":\"汇通测试\"}", "Authorization", admin());
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            colleague.approve(r);
        }
        return m;
    }

    void rate(String base, String quote, String rate) {
        Api.Response r = api.postJson("/v1/admin/fx_rates", "{\"base\":\"" + base + "\",\"quote\":\"" + quote + "\",\"rate\":\"" + rate + "\"}",
                "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Starts a run for a date (over one merchant, or every merchant when null) as an operator; answers the started run. */
    JsonNode startRun(String date, Shop only) {
        String body = "{\"business_date\":\"" + date + "\"" + (only == null ? "" : ",\"merchant\":\"" + only.id() + "\"") + "}";
        Api.Response started = api.postJson("/v1/admin/settlement_runs", body, "Authorization", admin());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return started.json();
    }

    /** Runs settlement for a date and waits until the run completed. */
    JsonNode run(String date, Shop only) {
        return await("/v1/admin/settlement_runs/" + startRun(date, only).path("id").asString(), admin(), "completed");
    }

    JsonNode await(String path, String bearer, String status) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Api.Response r = api.get(path, "Authorization", bearer);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            String now = r.json().path("status").asString();
            if (now.equals(status) || !now.equals("running") && !now.equals("pending") || System.currentTimeMillis() > deadline) {
                assertThat(now).as(r.body()).isEqualTo(status);
                return r.json();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Every settlement of the merchant, newest first. */
    List<JsonNode> settlements(Shop m) {
        return all("/v1/settlements", m.bearer());
    }

    /** The lines of one settlement, as the merchant sees them. */
    List<JsonNode> lines(Shop m, String settlementId) {
        Api.Response r = api.get("/v1/settlements/" + settlementId + "/lines?limit=100", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("has_more").asBoolean()).as("a settlement of the tests has fewer than 100 lines").isFalse();
        List<JsonNode> lines = new ArrayList<>();
        r.json().path("data").forEach(lines::add);
        return lines;
    }

    List<JsonNode> all(String path, String bearer) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            Api.Response r = api.get(path + "?limit=100" + (after == null ? "" : "&starting_after=" + after), "Authorization", bearer);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().path("data").forEach(all::add);
            if (!r.json().path("has_more").asBoolean()) {
                return all;
            }
            after = all.getLast().path("id").asString();
        }
    }

    /** The merchant's pending balance in a currency, as the merchant's balance shows it. */
    long pending(Shop m, String currency) {
        for (JsonNode b : api.get("/v1/balance", "Authorization", m.bearer()).json().path("pending")) {
            if (b.path("currency").asString().equals(currency)) {
                return b.path("amount").asLong();
            }
        }
        return 0;
    }

    void assertLedgerBalanced(String where) {
        Api.Response check = api.get("/v1/admin/ledger/check", "Authorization", admin());
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().path("balanced").asBoolean()).as(where + ": the ledger check " + check.body()).isTrue();
    }
}
