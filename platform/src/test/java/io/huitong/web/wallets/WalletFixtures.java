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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    /** A consumer signed up, logged in and verified through the public-security channel: a class I wallet. */
    protected Consumer consumer() {
        Consumer c = unverifiedConsumer();
        verify(c);
        return c;
    }

    /** A consumer signed up and logged in, whom no channel verified: a wallet without a class. */
    protected Consumer unverifiedConsumer() {
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

    /** The name every test consumer is verified with. */
    protected static final String VERIFIED_NAME = "韩梅梅";
    /** Each consumer's own resident ID number (one ID verifies one account), the same through every channel. */
    private static final Map<String, String> RESIDENT_IDS = new ConcurrentHashMap<>();

    /** Real-name verification through the API, as the consumer would, through the public-security channel: class I. */
    protected void verify(Consumer c) {
        Api.Response r = api.postJson("/v1/users/me/verification", "{\"name\":\"" + VERIFIED_NAME + "\",\"id_number\":\"" + idNumber(c)
                + "\"}", "Authorization", c.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** Verification through one more channel, with the consumer's identity. */
    protected Api.Response verifyThrough(Consumer c, String channel) {
        String card = channel.equals("bank_card") ? ",\"bank_card\":{\"number\":\"6222020200112230\",\"phone\":\"" + c.phone() + "\"}" : "";
        return api.postJson("/v1/users/me/verification/channels", "{\"channel\":\"" + channel + "\",\"name\":\"" + VERIFIED_NAME
                + "\",\"id_number\":\"" + idNumber(c) + "\"" + card + "}", "Authorization", c.bearer());
    }

    /** A class II wallet: three channels. */
    protected void classII(Consumer c) {
        verify(c);
        for (String channel : List.of("bank_card", "phone_operator")) {
            Api.Response r = verifyThrough(c, channel);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        assertThat(wallet(c).json().path("class").asString()).isEqualTo("II");
    }

    /** A class III wallet: an operator verified the consumer face to face. */
    protected void faceToFace(Consumer c) {
        Api.Response r = api.postJson("/v1/admin/users/" + c.id() + "/verification/face_to_face", "{\"name\":\"" + VERIFIED_NAME
                + "\",\"id_number\":\"" + idNumber(c) + "\"}", "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        colleague.approve(r);
        assertThat(wallet(c).json().path("class").asString()).isEqualTo("III");
    }

    protected static String idNumber(Consumer c) {
        return RESIDENT_IDS.computeIfAbsent(c.id(), id -> io.huitong.testsupport.ResidentIds.next());
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
