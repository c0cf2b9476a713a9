package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.channels.EmbeddedSimulators;
import io.huitong.kernel.Money;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.BusinessDates;
import io.huitong.testsupport.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Traffic for reconciliation tests, against the channel simulator the platform starts in-process: card payments and
 * refunds on both acquirers, bank transfers, e-CNY and QR payments, payouts and withdrawals through the simulated bank;
 * the channels' statements as they serve them, with faults planted on demand. The platform's clock is kept on the real
 * time, which the simulated channels book by, so that both sides agree on the business date.
 */
abstract class ChannelTraffic extends ApiTestSupport {

    static final ZoneId CHINA = BusinessDates.CHINA;
    /** The simulated acquirer acq_a answers this card with a system error: payments fail over to acq_b. */
    static final String FAILS_OVER = "4000000000000119";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    OnboardedMerchant merchant;

    @BeforeEach
    void realTimeAwayFromMidnight() {
        clock.reset();
        BusinessDates.sameAtBothEnds(clock, Duration.ofMinutes(2));
        merchant = onboardMerchant("Recon " + UUID.randomUUID().toString().substring(0, 8), "\"fee_percent_bps\":100");
    }

    static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    // ---- traffic ----

    static String card() {
        return io.huitong.simulator.Simulator.approvedCard("622200", ThreadLocalRandom.current().nextLong(1_000_000_000L));
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

    /**
     * A payout of a T0 merchant's day, through the simulated bank: today is made a business day of the calendar first
     * (a make-up working day, or a holiday no more), so that the day's payments are due today. The run is the merchant's
     * alone, and its one payout goes to the bank alone.
     */
    String payout(long amount) {
        todayIsABusinessDay();
        OnboardedMerchant m = payee(amount);
        settle("\"merchant\":\"" + m.id() + "\",", 1);
        return paidPayout(m);
    }

    /**
     * Payouts of several T0 merchants' day (one each, of these amounts), opened by one settlement run over every merchant,
     * which sends them to the simulated bank together: one pain.001 asking the bank to book them as one entry. Answers
     * the payouts, once paid.
     */
    List<String> payoutBatch(long... amounts) {
        todayIsABusinessDay();
        List<OnboardedMerchant> payees = new ArrayList<>();
        for (long amount : amounts) {
            payees.add(payee(amount));
        }
        settle("", amounts.length);
        return payees.stream().map(this::paidPayout).toList();
    }

    private void todayIsABusinessDay() {
        int year = today().getYear();
        JsonNode calendar = api.get("/v1/admin/calendar/" + year, "Authorization", admin()).json();
        List<String> holidays = new ArrayList<>();
        calendar.path("holidays").forEach(d -> holidays.add(d.asString()));
        List<String> working = new ArrayList<>();
        calendar.path("working_days").forEach(d -> working.add(d.asString()));
        holidays.remove(today().toString());
        if (today().getDayOfWeek().getValue() >= 6 && !working.contains(today().toString())) {
            working.add(today().toString());
        }
        Api.Response put = api.putJson("/v1/admin/calendar/" + year, "{\"holidays\":" + json(holidays) + ",\"working_days\":" + json(working) + "}",
                "Authorization", admin());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    /** A T0 merchant with a settlement bank account the simulated bank pays at once, and a card payment of {@code amount} today. */
    private OnboardedMerchant payee(long amount) {
        OnboardedMerchant m = onboardMerchant("Payout " + UUID.randomUUID().toString().substring(0, 8),
                "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":0");
        Api.Response account = api.putJson("/v1/admin/merchants/" + m.id() + "/bank_account", "{\"bank_code\":\"999900000001\","
                + "\"account_number\":\"6222004000000004242\",\"account_name\":\"汇通茶庄\"}", "Authorization", admin());
        assertThat(account.status()).as(account.body()).isEqualTo(202);
        colleague.approve(account);
        OnboardedMerchant payer = merchant;
        merchant = m;
        try {
            payByCard(amount);
        } finally {
            merchant = payer;
        }
        return m;
    }

    /** A settlement run of today ({@code merchant}: {@code "merchant":"mer_...",} or nothing for every merchant), awaited. */
    private void settle(String merchant, int atLeast) {
        Api.Response run = api.postJson("/v1/admin/settlement_runs", "{" + merchant + "\"business_date\":\"" + today() + "\"}",
                "Authorization", admin());
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        String runId = run.json().path("id").asString();
        JsonNode done = await(() -> api.get("/v1/admin/settlement_runs/" + runId, "Authorization", admin()).json(),
                x -> x.path("status").asString().equals("completed"));
        assertThat(done.path("settlements").asInt()).as(done.toString()).isGreaterThanOrEqualTo(atLeast);
    }

    private String paidPayout(OnboardedMerchant m) {
        String payout = api.get("/v1/settlements", "Authorization", m.bearer()).json().path("data").get(0).path("payout").asString();
        JsonNode paid = await(() -> api.get("/v1/payouts/" + payout, "Authorization", m.bearer()).json(), x -> x.path("status").asString().equals("paid"));
        assertThat(paid.path("status").asString()).as(paid.toString()).isEqualTo("paid");
        return payout;
    }

    /**
     * A consumer's withdrawal to their own bank account (in the name they are verified with), paid out by the simulated
     * bank; the wallet funded straight through the ledger.
     */
    String withdrawal(long amount) {
        return withdrawal(amount, "Li Lei");
    }

    /** A withdrawal to an account in {@code accountName}: another's than the consumer's (Li Lei) counts against the class. */
    String withdrawal(long amount, String accountName) {
        String phone = "+86138" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        Api.Response user = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"Plum-blossom 2026\",\"name\":\"Li Lei\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String bearer = Api.bearer(api.postJson("/v1/sessions", "{\"phone\":\"" + phone + "\",\"password\":\"Plum-blossom 2026\"}").json()
                .path("token").asString());
        Api.Response verified = api.postJson("/v1/users/me/verification", "{\"name\":\"Li Lei\",\"id_number\":\""
                + io.huitong.testsupport.ResidentIds.next() + "\"}", "Authorization", bearer);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200); // a withdrawal to the holder's own account, then
        assertThat(api.get("/v1/wallet", "Authorization", bearer).status()).isEqualTo(200);
        ledger.createAccount(NewAccount.of("test:funding:CNY", "CNY", AccountType.ASSET, "test"));
        assertThat(ledger.createTransfer(TransferRequest.posted("fund_" + UUID.randomUUID(), "test:funding:CNY",
                user.json().path("id").asString() + ":wallet:CNY", new Money(amount, "CNY"))).succeeded()).isTrue();
        Api.Response w = api.postJson("/v1/wallet/withdrawals", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"bank_account\":"
                + "{\"bank_code\":\"ICBC\",\"account_number\":\"6222020200112233\",\"account_name\":\"" + accountName + "\"}}", "Authorization", bearer);
        assertThat(w.status()).as(w.body()).isEqualTo(201);
        assertThat(w.json().path("status").asString()).isEqualTo("succeeded");
        return w.json().path("id").asString();
    }

    private static String json(List<String> dates) {
        return dates.stream().map(d -> "\"" + d + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
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

}
