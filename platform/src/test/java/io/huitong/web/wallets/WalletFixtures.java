package io.huitong.web.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Consumers, their wallets and merchants, for the wallet tests. */
public abstract class WalletFixtures extends ApiTestSupport {

    static final String PASSWORD = "Plum-blossom 2026";
    private static final AtomicLong PHONES = new AtomicLong(13_900_000_000L + System.nanoTime() % 90_000_000L);

    @Autowired
    protected MutableClock clock;
    @Autowired
    protected Ledger ledger;
    @Autowired
    JdbcClient jdbc;

    /** A consumer signed up and logged in. */
    public record Consumer(String id, String phone, String bearer) {
    }

    @BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofMinutes(16));
    }

    protected Consumer consumer() {
        String phone = "+86" + PHONES.incrementAndGet();
        Api.Response created = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Li Lei\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response session = api.postJson("/v1/sessions", "{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        return new Consumer(created.json().path("id").asString(), phone, "Bearer " + session.json().path("token").asString());
    }

    /** Puts money in a consumer's wallet straight through the ledger, as a top-up would. */
    protected void fund(Consumer c, long amount) {
        assertThat(wallet(c).status()).isEqualTo(200);
        ledger.createAccount(NewAccount.of("test:funding:CNY", "CNY", AccountType.ASSET, "test"));
        assertThat(ledger.createTransfer(TransferRequest.posted("fund_" + UUID.randomUUID(), "test:funding:CNY", c.id() + ":wallet:CNY",
                new Money(amount, "CNY"))).succeeded()).isTrue();
    }

    private static final java.util.concurrent.atomic.AtomicInteger RESIDENTS = new java.util.concurrent.atomic.AtomicInteger(100);

    /**
     * Real-name verification through the API, as the consumer would: a resident ID number of their own (one ID verifies
     * one account) with a valid checksum.
     */
    protected void verify(Consumer c) {
        String idNumber = io.huitong.testsupport.ResidentIds.of("11010519491231"
                + String.format(java.util.Locale.ROOT, "%03d", RESIDENTS.incrementAndGet() % 1000));
        Api.Response r = api.postJson("/v1/users/me/verification", "{\"name\":\"韩梅梅\",\"id_number\":\"" + idNumber + "\"}",
                "Authorization", c.bearer());
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    protected Api.Response wallet(Consumer c) {
        return api.get("/v1/wallet", "Authorization", c.bearer());
    }

    protected long available(Consumer c) {
        Api.Response w = wallet(c);
        assertThat(w.status()).as(w.body()).isEqualTo(200);
        for (JsonNode b : w.json().path("balances")) {
            if (b.path("currency").asString().equals("CNY")) {
                return b.path("available").asLong();
            }
        }
        throw new AssertionError("no CNY balance: " + w.body());
    }

    protected Api.Response transfer(Consumer from, Consumer to, long amount, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", from.bearer()));
        all.addAll(List.of(headers));
        return api.postJson("/v1/wallet/transfers", "{\"to_phone\":\"" + to.phone() + "\",\"amount\":" + amount
                + ",\"currency\":\"CNY\",\"note\":\"dinner\"}", all.toArray(String[]::new));
    }

    protected JsonNode history(Consumer c, String query) {
        Api.Response r = api.get("/v1/wallet/transactions" + query, "Authorization", c.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    /** A Luhn-valid Visa number of its own, which the simulated acquirer approves. */
    protected static String newCard() {
        return io.huitong.simulator.Simulator.approvedCard("424242", CARDS.incrementAndGet());
    }

    Api.Response topUp(Consumer c, long amount, String card) {
        return api.postJson("/v1/wallet/topups", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"card\":{\"number\":\"" + card
                + "\",\"exp_month\":12,\"exp_year\":2034,\"cvc\":\"123\"}}", "Authorization", c.bearer());
    }

    JsonNode awaitTopUp(Consumer c, String id, String status) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            Api.Response r = api.get("/v1/wallet/topups/" + id, "Authorization", c.bearer());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            if (r.json().path("status").asString().equals(status) || System.currentTimeMillis() > deadline) {
                return r.json();
            }
            clock.advance(Duration.ofSeconds(5));
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    String paymentCode(Consumer c) {
        Api.Response r = api.postJson("/v1/wallet/payment_codes", "", "Authorization", c.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("code").asString();
    }

    Api.Response charge(OnboardedMerchant merchant, long amount, String code) {
        return api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"payment_code\","
                + "\"payment_code\":{\"code\":\"" + code + "\"}}}", "Authorization", merchant.bearer());
    }

    static String masked(String phone) {
        return "+86 " + phone.substring(3, 6) + "****" + phone.substring(10);
    }
}
