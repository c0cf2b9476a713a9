package io.huitong.web.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import org.junit.jupiter.api.Test;

/** Risk control on wallet movements: a blocked transfer moves nothing. */
abstract class WalletRiskTests extends WalletFixtures {

    Api.Response admin(String path, String json) {
        return api.postJson(path, json, "Authorization", admin());
    }

    void assertBlockedAndNothingMoved(Api.Response r, Consumer from, Consumer to, long fromBefore, long toBefore) {
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.error("type")).isEqualTo("risk_error");
        assertThat(r.error("code")).isEqualTo("risk_blocked");
        assertThat(available(from)).isEqualTo(fromBefore);
        assertThat(available(to)).isEqualTo(toBefore);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aBlockListedUserCannotTransfer() {
        Consumer a = consumer();
        Consumer b = consumer();
        Consumer c = consumer();
        fund(a, 1_000);
        fund(c, 1_000);
        assertThat(admin("/v1/admin/risk/lists/user", "{\"value\":\"" + a.id() + "\",\"action\":\"block\",\"reason\":\"mule\"}").status())
                .isEqualTo(201);
        assertBlockedAndNothingMoved(transfer(a, b, 300), a, b, 1_000, 0);
        assertThat(history(a, "").path("data")).isEmpty();

        assertThat(transfer(c, b, 300).status()).isEqualTo(201);
        assertThat(available(b)).isEqualTo(300);
    }

    @Test
    void theConsumersOwnDeviceCounts() {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 1_000);
        admin("/v1/admin/risk/lists/device", "{\"value\":\"rooted-phone\",\"action\":\"block\"}");
        assertBlockedAndNothingMoved(transfer(a, b, 100, "Huitong-Device-Id", "rooted-phone"), a, b, 1_000, 0);
        assertThat(transfer(a, b, 100, "Huitong-Device-Id", "own-phone").status()).isEqualTo(201);
    }

    @Test
    void userVelocityRefusesATransferItWouldHoldForReview() {
        Consumer a = consumer();
        Consumer b = consumer();
        Consumer c = consumer();
        fund(a, 1_000);
        fund(c, 1_000);
        String before = api.get("/v1/admin/risk/rules/user_velocity", "Authorization", admin()).json().path("expression").asString();
        colleague.approve(admin("/v1/admin/risk/rules/user_velocity", "{\"expression\":\"velocity.user.count_1h >= 2 && user == '" + a.id() + "'\"}"));
        try {
            assertThat(transfer(a, b, 100).status()).isEqualTo(201);
            assertThat(transfer(a, b, 100).status()).isEqualTo(201);
            assertBlockedAndNothingMoved(transfer(a, b, 100), a, b, 800, 200);
            for (int i = 0; i < 3; i++) {
                assertThat(transfer(c, b, 100).status()).isEqualTo(201);
            }
        } finally {
            colleague.approve(admin("/v1/admin/risk/rules/user_velocity", "{\"expression\":\"" + before + "\"}"));
        }
    }

    static final String ABROAD = "\"risk_context\":{\"ip\":\"8.8.8.8\",\"country\":\"CN\"}";

    Api.Response challengedTransfer(Consumer from, Consumer to, String otp) {
        return api.postJson("/v1/wallet/transfers", "{\"to_phone\":\"" + to.phone() + "\",\"amount\":300,\"currency\":\"CNY\","
                + ABROAD + (otp == null ? "" : ",\"otp\":\"" + otp + "\"") + "}", "Authorization", from.bearer());
    }

    void assertAuthenticationRequired(Api.Response r, Consumer from, Consumer to, long fromBefore, long toBefore) {
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.error("type")).isEqualTo("risk_error");
        assertThat(r.error("code")).isEqualTo("authentication_required");
        assertThat(r.error("param")).isEqualTo("otp");
        assertThat(available(from)).isEqualTo(fromBefore);
        assertThat(available(to)).isEqualTo(toBefore);
    }

    Consumer login(Consumer c, String secret) {
        Api.Response login = api.postJson("/v1/sessions", "{\"phone\":\"" + c.phone() + "\",\"password\":\"" + PASSWORD + "\""
                + (secret == null ? "" : ",\"otp\":\"" + io.huitong.web.consumers.ConsumerTestSupport.code(secret, clock.instant()) + "\"") + "}");
        assertThat(login.status()).as(login.body()).isEqualTo(201);
        return new Consumer(c.id(), c.phone(), "Bearer " + login.json().path("token").asString());
    }

    @Test
    void aChallengedTransferNeedsASecondFactorTheSessionAloneDoesNotGive() {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 1_000);
        // from an address abroad while saying China: challenged; without an authenticator it cannot be confirmed
        assertAuthenticationRequired(challengedTransfer(a, b, null), a, b, 1_000, 0);
        assertThat(transfer(a, b, 100).status()).isEqualTo(201);

        // an authenticator turned on in the same session proves nothing
        String secret = api.postJson("/v1/users/me/mfa/totp", "{}", "Authorization", a.bearer()).json().path("secret").asString();
        assertThat(api.postJson("/v1/users/me/mfa/totp/confirm", "{\"code\":\"" + io.huitong.web.consumers.ConsumerTestSupport.code(secret,
                clock.instant()) + "\"}", "Authorization", a.bearer()).status()).isEqualTo(200);
        clock.advance(java.time.Duration.ofSeconds(30));
        Consumer same = login(a, secret);
        clock.advance(java.time.Duration.ofSeconds(30));
        assertAuthenticationRequired(challengedTransfer(same, b, io.huitong.web.consumers.ConsumerTestSupport.code(secret, clock.instant())),
                same, b, 900, 100);

        // a day later it does: without a code the answer says to give one, a wrong one is refused, a right one moves the money
        clock.advance(java.time.Duration.ofHours(25));
        Consumer again = login(a, secret);
        b = login(b, null);
        Api.Response without = challengedTransfer(again, b, null);
        assertAuthenticationRequired(without, again, b, 900, 100);
        assertThat(without.error("message")).contains("otp");
        Api.Response wrong = challengedTransfer(again, b, "000000");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.error("code")).isEqualTo("otp_invalid");
        clock.advance(java.time.Duration.ofSeconds(30));
        Api.Response confirmed = challengedTransfer(again, b, io.huitong.web.consumers.ConsumerTestSupport.code(secret, clock.instant()));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
        assertThat(available(again)).isEqualTo(600);
        assertThat(available(b)).isEqualTo(400);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aTransferFromANewDeviceAboveTheUsualAmountIsChallenged() {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 200_000);
        classII(a); // 1,200.00 CNY in all: beyond class I
        for (int i = 0; i < 2; i++) {
            assertThat(transfer(a, b, 20_000, "Huitong-Device-Id", "own-phone").status()).isEqualTo(201);
        }
        // three times the usual from the own phone, and the usual from another: let through
        assertThat(transfer(a, b, 60_000, "Huitong-Device-Id", "own-phone").status()).isEqualTo(201);
        assertThat(transfer(a, b, 20_000, "Huitong-Device-Id", "another-phone").status()).isEqualTo(201);
        // three times the usual from a phone the account never used: a second factor is asked for
        assertAuthenticationRequired(transfer(a, b, 60_000, "Huitong-Device-Id", "takers-phone"), a, b, 80_000, 120_000);
    }

    @Test
    void aBlockListedUserCannotWithdraw() {
        Consumer a = consumer();
        Consumer c = consumer();
        fund(a, 1_000);
        fund(c, 1_000);
        admin("/v1/admin/risk/lists/user", "{\"value\":\"" + a.id() + "\",\"action\":\"block\"}");
        String body = "{\"amount\":300,\"currency\":\"CNY\",\"bank_account\":{\"bank_code\":\"ICBC\","
                + "\"account_number\":\"6222020200112233\",\"account_name\":\"Li Lei\"}}";
        Api.Response r = api.postJson("/v1/wallet/withdrawals", body, "Authorization", a.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.error("type")).isEqualTo("risk_error");
        assertThat(available(a)).isEqualTo(1_000);
        assertThat(wallet(a).json().path("balances").get(0).path("pending").asLong()).isZero();
        assertThat(ledger.check().balanced()).isTrue();

        assertThat(api.postJson("/v1/wallet/withdrawals", body, "Authorization", c.bearer()).status()).isEqualTo(201);
    }

    @Test
    void aTopUpFromABlockedDeviceIsRefused() {
        Consumer a = consumer();
        admin("/v1/admin/risk/lists/device", "{\"value\":\"emulator-7\",\"action\":\"block\"}");
        String body = "{\"amount\":500,\"currency\":\"CNY\",\"card\":{\"number\":\"" + newCard()
                + "\",\"exp_month\":12,\"exp_year\":2034,\"cvc\":\"123\"}}";
        Api.Response r = api.postJson("/v1/wallet/topups", body, "Authorization", a.bearer(), "Huitong-Device-Id", "emulator-7");
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.error("type")).isEqualTo("risk_error");
        assertThat(r.error("code")).isEqualTo("risk_blocked");
        assertThat(available(a)).isZero();
        assertThat(ledger.check().balanced()).isTrue();

        Api.Response ok = api.postJson("/v1/wallet/topups", body.replaceAll("[0-9]{16}", newCard()), "Authorization", a.bearer(),
                "Huitong-Device-Id", "own-phone");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void aQrPaymentFromABlockedAddressIsRefusedAndThePaymentStillWaits() {
        Consumer c = consumer();
        fund(c, 1_000);
        OnboardedMerchant shop = onboardMerchant("Noodle Bar", "");
        admin("/v1/admin/risk/lists/ip", "{\"value\":\"81.2.69.77\",\"action\":\"block\"}");
        Api.Response created = api.postJson("/v1/payments", "{\"amount\":300,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}",
                "Authorization", shop.bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String payload = created.json().path("next_action").path("qr_payload").asString();

        Api.Response r = api.postJson("/v1/wallet/qr_payments", "{\"qr_payload\":\"" + payload + "\",\"risk_context\":{\"ip\":\"81.2.69.77\"}}",
                "Authorization", c.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.error("type")).isEqualTo("risk_error");
        assertThat(available(c)).isEqualTo(1_000);
        assertThat(api.get("/v1/payments/" + created.json().path("id").asString(), "Authorization", shop.bearer()).json().path("status")
                .asString()).isEqualTo("requires_action");

        Api.Response ok = api.postJson("/v1/wallet/qr_payments", "{\"qr_payload\":\"" + payload + "\",\"risk_context\":{\"ip\":\"81.2.69.78\"}}",
                "Authorization", c.bearer());
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(available(c)).isEqualTo(700);
        assertThat(ledger.check().balanced()).isTrue();
    }
}
