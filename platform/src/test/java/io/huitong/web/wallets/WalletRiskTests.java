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
        admin("/v1/admin/risk/rules/user_velocity", "{\"expression\":\"velocity.user.count_1h >= 2 && user == '" + a.id() + "'\"}");
        try {
            assertThat(transfer(a, b, 100).status()).isEqualTo(201);
            assertThat(transfer(a, b, 100).status()).isEqualTo(201);
            assertBlockedAndNothingMoved(transfer(a, b, 100), a, b, 800, 200);
            for (int i = 0; i < 3; i++) {
                assertThat(transfer(c, b, 100).status()).isEqualTo(201);
            }
        } finally {
            admin("/v1/admin/risk/rules/user_velocity", "{\"expression\":\"" + before + "\"}");
        }
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
