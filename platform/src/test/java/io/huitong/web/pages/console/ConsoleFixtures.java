package io.huitong.web.pages.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.BusinessDates;
import io.huitong.testsupport.TestOperators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What the console's tests work on, set up through the API as the platform's users would make it: a card payment held for a
 * risk review, a payout that waits for a second finance operator (a T0 merchant's day settled by another operator), and a
 * reconciliation of the simulated acquirer's statement with a break planted in it.
 */
abstract class ConsoleFixtures extends ConsolePageSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void payoutThreshold(DynamicPropertyRegistry registry) {
        registry.add("huitong.approvals.payout-threshold", () -> "100000");
    }

    @AfterEach
    void clearFaults() {
        control("PUT", "/control/statements/acq_a/faults", "{}");
    }

    /** Today on the platform's clock, which the console's tests move ahead. */
    LocalDate today() {
        return BusinessDates.of(clock.instant());
    }

    static String card() {
        return io.huitong.simulator.Simulator.approvedCard("622200", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    JsonNode pay(OnboardedMerchant merchant, long amount) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\","
                + "\"card\":{\"number\":\"" + card() + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}", "Authorization", merchant.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** A payment of 100,000.00 CNY, which the default rules hold for review: its id. */
    String paymentInReview() {
        OnboardedMerchant shop = onboardMerchant("Jade Shop " + UUID.randomUUID().toString().substring(0, 6), "");
        JsonNode p = pay(shop, 10_000_000);
        assertThat(p.path("risk").path("decision").asString()).isEqualTo("review");
        return p.path("id").asString();
    }

    /** The open review case of a payment. */
    String reviewOf(String payment) {
        for (JsonNode c : api.get("/v1/admin/risk/reviews?status=open&limit=100", "Authorization", admin()).json().path("data")) {
            if (c.path("reference").asString().equals(payment)) {
                return c.path("id").asString();
            }
        }
        throw new AssertionError("no open review of " + payment);
    }

    /**
     * A payout of 1,500.00 CNY waiting for approval: a T0 merchant with a settlement account paid today, settled by
     * {@code requester} through the API. Answers the payout's id.
     */
    String payoutAwaitingApproval(TestOperators.LoggedIn requester) {
        OnboardedMerchant m = onboardMerchant("Payout " + UUID.randomUUID().toString().substring(0, 8),
                "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":0");
        Api.Response account = api.putJson("/v1/admin/merchants/" + m.id() + "/bank_account", "{\"bank_code\":\"999900000001\","
                + "\"account_number\":\"6222004000000004242\",\"account_name\":\"汇通茶庄\"}", "Authorization", admin());
        colleague.approve(account);
        JsonNode paid = pay(m, 150_000);
        assertThat(paid.path("status").asString()).isEqualTo("succeeded");
        // the payment's own business date: the platform's clock may pass midnight while the test runs
        LocalDate date = BusinessDates.of(Instant.parse(paid.path("created_at").asString()));
        aBusinessDay(date);
        Api.Response run = api.postJson("/v1/admin/settlement_runs", "{\"merchant\":\"" + m.id() + "\",\"business_date\":\"" + date + "\"}",
                "Authorization", requester.bearer());
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        String runId = run.json().path("id").asString();
        JsonNode done = await(() -> api.get("/v1/admin/settlement_runs/" + runId, "Authorization", admin()).json(),
                x -> x.path("status").asString().equals("completed"));
        assertThat(done.path("settlements").asInt()).as(done.toString()).isEqualTo(1);
        String payout = api.get("/v1/settlements", "Authorization", m.bearer()).json().path("data").get(0).path("payout").asString();
        assertThat(api.get("/v1/payouts/" + payout, "Authorization", m.bearer()).json().path("status").asString()).isEqualTo("requires_approval");
        return payout;
    }

    JsonNode payout(String id) {
        return api.get("/v1/admin/payouts/" + id, "Authorization", admin()).json();
    }

    /** A reconciliation of today's acq_a statement in which a payment of ours was short-paid by 1.00: the break's id. */
    String amountMismatch() {
        // the simulator dates its statement's lines on the real clock, the platform its records on its own
        LocalDate date = BusinessDates.sameAtBothEnds(clock, Duration.ofMinutes(2));
        OnboardedMerchant shop = onboardMerchant("Recon " + UUID.randomUUID().toString().substring(0, 8), "\"fee_percent_bps\":100");
        String payment = pay(shop, 2_000).path("id").asString();
        control("PUT", "/control/statements/acq_a/faults", "{\"amount\":{\"" + payment + "\":-100}}");
        Api.Response started = api.postJson("/v1/admin/reconciliations", "{\"channel\":\"acq_a\",\"business_date\":\"" + date + "\"}",
                "Authorization", admin());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asString();
        JsonNode r = await(() -> api.get("/v1/admin/reconciliations/" + id, "Authorization", admin()).json(),
                x -> !x.path("status").asString().equals("matching"));
        assertThat(r.path("status").asString()).as(r.toString()).isEqualTo("completed");
        for (JsonNode b : api.get("/v1/admin/reconciliations/" + id + "/breaks?limit=100&class=amount_mismatch", "Authorization", admin()).json()
                .path("data")) {
            if (b.path("reference").asString().equals(payment)) {
                return b.path("id").asString();
            }
        }
        throw new AssertionError("no amount mismatch of " + payment + " in " + r);
    }

    JsonNode reconciliationBreak(String id) {
        return api.get("/v1/admin/reconciliation_breaks/" + id, "Authorization", admin()).json();
    }

    private void aBusinessDay(LocalDate date) {
        int year = date.getYear();
        JsonNode calendar = api.get("/v1/admin/calendar/" + year, "Authorization", admin()).json();
        List<String> holidays = new ArrayList<>();
        calendar.path("holidays").forEach(d -> holidays.add(d.asString()));
        List<String> working = new ArrayList<>();
        calendar.path("working_days").forEach(d -> working.add(d.asString()));
        holidays.remove(date.toString());
        if (date.getDayOfWeek().getValue() >= 6 && !working.contains(date.toString())) {
            working.add(date.toString());
        }
        Api.Response put = api.putJson("/v1/admin/calendar/" + year, "{\"holidays\":" + json(holidays) + ",\"working_days\":" + json(working) + "}",
                "Authorization", admin());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private static String json(List<String> dates) {
        return dates.stream().map(d -> "\"" + d + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        return value;
    }

    void control(String method, String path, String body) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(EmbeddedSimulators.of(context).controlUrl() + path))
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
