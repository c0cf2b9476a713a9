package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Traffic and statements for reconciliation tests, against the channel simulator the platform starts in-process: card
 * payments and refunds on both acquirers, bank transfers, e-CNY and QR payments, payouts and withdrawals through the
 * simulated bank; the channels' statements as they serve them, with faults planted on demand. The platform's clock is
 * kept on the real time, which the simulated channels book by, so that both sides agree on the business date.
 */
abstract class ReconciliationFixtures extends ApiTestSupport {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final List<String> CHANNELS = List.of("acq_a", "acq_b", "bank", "ecny", "walletpay");
    static final List<String> CLASSES = List.of("missing_in_ledger", "missing_in_channel", "amount_mismatch", "status_mismatch",
            "currency_mismatch", "duplicate", "timing");
    /** The simulated acquirer acq_a answers this card with a system error: payments fail over to acq_b. */
    static final String FAILS_OVER = "4000000000000119";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    OnboardedMerchant merchant;

    @BeforeEach
    void realTimeAwayFromMidnight() throws InterruptedException {
        clock.reset();
        // a day's traffic and its statement must fall on the same business date at both ends
        ZonedDateTime now = ZonedDateTime.now(CHINA);
        if (now.toLocalTime().isAfter(LocalTime.of(23, 58))) {
            Thread.sleep(Duration.between(now, now.toLocalDate().plusDays(1).atTime(0, 0, 5).atZone(CHINA)).toMillis());
        }
        merchant = onboardMerchant("Recon " + UUID.randomUUID().toString().substring(0, 8), "\"fee_percent_bps\":100");
    }

    @AfterEach
    void clearFaults() {
        for (String channel : CHANNELS) {
            HttpResponse<String> r = control("PUT", "/control/statements/" + channel + "/faults", "{}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        clock.reset();
    }

    static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    // ---- traffic ----

    static String card() {
        StringBuilder n = new StringBuilder("622200");
        for (int i = 0; i < 9; i++) {
            n.append(ThreadLocalRandom.current().nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = n.toString() + check;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int d = candidate.charAt(candidate.length() - 1 - i) - '0';
                sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    /** A card payment; {@code number} null for a fresh approved card (acq_a), {@link #FAILS_OVER} for acq_b. */
    JsonNode payByCard(long amount, String number) {
        Api.Response r = pay("{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\""
                + (number == null ? card() : number) + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
        return r.json();
    }

    String payByCard(long amount) {
        return payByCard(amount, null).path("id").asString();
    }

    String payByBankTransfer(long amount) {
        Api.Response r = pay("{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"bank_transfer\",\"bank_transfer\":"
                + "{\"bank_code\":\"ICBKCNBJ\",\"account_number\":\"6222020200001234\",\"account_name\":\"Li Lei\"}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return awaitPayment(r.json().path("id").asString());
    }

    String payByEcny(long amount) {
        Api.Response r = pay("{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"ecny\",\"ecny\":{\"wallet_id\":"
                + "\"0012345678901234\"}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return awaitPayment(r.json().path("id").asString());
    }

    String payByQr(long amount) {
        Api.Response r = pay("{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        HttpResponse<String> paid = control("POST", "/control/walletpay/orders/" + id + "/pay", "{}");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        return awaitPayment(id);
    }

    String refund(String payment, long amount) {
        Api.Response r = api.postJson("/v1/refunds", "{\"payment\":\"" + payment + "\",\"amount\":" + amount + "}", "Authorization", merchant.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        JsonNode refund = await(() -> api.get("/v1/refunds/" + id, "Authorization", merchant.bearer()).json(),
                x -> x.path("status").asString().equals("succeeded"));
        assertThat(refund.path("status").asString()).as(refund.toString()).isEqualTo("succeeded");
        return id;
    }

    private Api.Response pay(String body) {
        return api.postJson("/v1/payments", body, "Authorization", merchant.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
    }

    private String awaitPayment(String id) {
        JsonNode p = await(() -> api.get("/v1/payments/" + id, "Authorization", merchant.bearer()).json(),
                x -> x.path("status").asString().equals("succeeded"));
        assertThat(p.path("status").asString()).as(p.toString()).isEqualTo("succeeded");
        return id;
    }

    static JsonNode await(java.util.function.Supplier<JsonNode> read, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            sleep(100);
            value = read.get();
        }
        return value;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the simulated channels ----

    HttpResponse<String> control(String method, String path, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(EmbeddedSimulators.of(context).controlUrl() + path))
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void plant(String channel, String faults) {
        HttpResponse<String> r = control("PUT", "/control/statements/" + channel + "/faults", faults);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** The statement a channel serves for a date, as bytes. */
    byte[] statement(String channel, LocalDate date) {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(EmbeddedSimulators.of(context).controlUrl()
                    + "/control/statements/" + channel + "?date=" + date)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
