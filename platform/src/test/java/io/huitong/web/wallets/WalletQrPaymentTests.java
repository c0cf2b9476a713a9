package io.huitong.web.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.wallets.domain.EmvPayloads;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A consumer pays a merchant's {@code qr} payment from the wallet: the QR code is the EMVCo payload the
 * wallet-operator connector shows for the order it opened at the (in-process, simulated) operator, which
 * is closed there before the wallet pays, so that the payer can't pay twice.
 */
abstract class WalletQrPaymentTests extends WalletFixtures {

    @Autowired
    org.springframework.context.ApplicationContext context;

    /** The wallet operator's record of an order, in the simulator the platform starts in-process. */
    java.util.Map<String, Object> atTheOperator(String reference) {
        return io.huitong.channels.EmbeddedSimulators.of(context).book("walletpay").stream()
                .filter(e -> reference.equals(e.get("reference"))).findFirst().orElseThrow();
    }

    /** A payer pays the order in the wallet operator's own app. */
    void payAtTheOperator(String reference) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(io.huitong.channels.EmbeddedSimulators.of(context).controlUrl() + "/control/walletpay/orders/"
                        + reference + "/pay")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    JsonNode qrPayment(OnboardedMerchant merchant, long amount) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"}}",
                "Authorization", merchant.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("requires_action");
        return r.json();
    }

    Api.Response payQr(Consumer c, String payload) {
        return api.postJson("/v1/wallet/qr_payments", "{\"qr_payload\":\"" + payload + "\"}", "Authorization", c.bearer());
    }

    @Test
    void aConsumerPaysAMerchantsQrPaymentFromTheWallet() {
        Consumer c = consumer();
        fund(c, 1_000);
        OnboardedMerchant shop = onboardMerchant("Dumpling House", "");
        JsonNode payment = qrPayment(shop, 300);
        String payload = payment.path("next_action").path("qr_payload").asString();

        Api.Response paid = payQr(c, payload);
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().path("id").asString()).startsWith("wqp_");
        assertThat(paid.json().path("object").asString()).isEqualTo("wallet_qr_payment");
        assertThat(paid.json().path("payment").asString()).isEqualTo(payment.path("id").asString());
        assertThat(paid.json().path("amount").asLong()).isEqualTo(300);
        assertThat(paid.json().path("currency").asString()).isEqualTo("CNY");
        assertThat(paid.json().path("merchant").asString()).isEqualTo("Dumpling House");
        assertThat(paid.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(atTheOperator(payment.path("id").asString()).get("status")).as("the operator's order is closed")
                .isEqualTo("TRADE_CLOSED");

        Api.Response seen = api.get("/v1/payments/" + payment.path("id").asString(), "Authorization", shop.bearer());
        assertThat(seen.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(seen.json().path("channel").asString()).isEqualTo("wallet");
        assertThat(seen.json().path("payment_method").path("type").asString()).isEqualTo("qr");
        assertThat(available(c)).isEqualTo(700);
        JsonNode line = history(c, "").path("data").get(0);
        assertThat(line.path("type").asString()).isEqualTo("payment");
        assertThat(line.path("counterparty").asString()).isEqualTo("Dumpling House");

        Api.Response again = payQr(c, payload);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.error("code")).isEqualTo("payment_unexpected_state");
        assertThat(available(c)).isEqualTo(700);

        Api.Response refund = api.postJson("/v1/refunds", "{\"payment\":\"" + payment.path("id").asString() + "\"}", "Authorization",
                shop.bearer());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(refund.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(available(c)).isEqualTo(1_000);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aPayloadNamingNoPaymentWaitingToBePaidIsRefusedAndChangesNothing() throws Exception {
        Consumer c = consumer();
        fund(c, 1_000);
        OnboardedMerchant shop = onboardMerchant("Fruit Stall", "");
        Api.Response garbage = payQr(c, "not a qr code");
        assertThat(garbage.status()).as(garbage.body()).isEqualTo(400);
        assertThat(garbage.error("param")).isEqualTo("qr_payload");
        Api.Response unknown = payQr(c, EmvPayloads.payment("pay_01JD0000000000000000000000", "1.00", "Nobody"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);

        JsonNode big = qrPayment(shop, 5_000);
        Api.Response tooMuch = payQr(c, big.path("next_action").path("qr_payload").asString());
        assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(402);
        assertThat(tooMuch.error("code")).isEqualTo("insufficient_funds");
        String bigId = big.path("id").asString();
        assertThat(api.get("/v1/payments/" + bigId, "Authorization", shop.bearer()).json().path("status").asString())
                .as("the merchant's payment still waits to be scanned").isEqualTo("requires_action");

        JsonNode other = qrPayment(shop, 200);
        // without its amount, a code would be judged by risk control, limits and balance as paying nothing
        Api.Response noAmount = payQr(c, EmvPayloads.payment(other.path("id").asString(), null, "Fruit Stall"));
        assertThat(noAmount.status()).as(noAmount.body()).isEqualTo(400);
        assertThat(noAmount.error("param")).isEqualTo("qr_payload");
        Api.Response wrongAmount = payQr(c, EmvPayloads.payment(other.path("id").asString(), "1.00", "Fruit Stall"));
        assertThat(wrongAmount.status()).as(wrongAmount.body()).isEqualTo(409);

        JsonNode paidElsewhere = qrPayment(shop, 100);
        payAtTheOperator(paidElsewhere.path("id").asString());
        Api.Response late = payQr(c, paidElsewhere.path("next_action").path("qr_payload").asString());
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(api.get("/v1/payments/" + paidElsewhere.path("id").asString(), "Authorization", shop.bearer()).json()
                .path("channel").asString()).as("paid at the operator").isEqualTo("walletpay");

        Consumer unverified = unverifiedConsumer();
        fund(unverified, 1_000);
        Api.Response noClass = payQr(unverified, other.path("next_action").path("qr_payload").asString());
        assertThat(noClass.status()).as(noClass.body()).isEqualTo(403);
        assertThat(noClass.error("code")).isEqualTo("verification_required");
        fund(c, 200_000);
        JsonNode beyondClass = qrPayment(shop, 100_001);
        Api.Response limit = payQr(c, beyondClass.path("next_action").path("qr_payload").asString());
        assertThat(limit.status()).as(limit.body()).isEqualTo(402);
        assertThat(limit.error("code")).isEqualTo("limit_exceeded");
        assertThat(api.get("/v1/payments/" + beyondClass.path("id").asString(), "Authorization", shop.bearer()).json().path("status")
                .asString()).as("a consumer refused by their class fails no merchant's payment").isEqualTo("requires_action");

        api.postJson("/v1/wallet/freeze", "", "Authorization", c.bearer());
        Api.Response frozen = payQr(c, other.path("next_action").path("qr_payload").asString());
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(403);
        assertThat(available(c)).isEqualTo(201_000);
        assertThat(available(unverified)).isEqualTo(1_000);
        assertThat(history(c, "").path("data")).isEmpty();
        assertThat(ledger.check().balanced()).isTrue();
    }

    /**
     * The wallet cannot pay after all (emptied between the consumer's checks and the debit): the consumer is refused,
     * and the merchant's payment, whose order at the operator is already closed, waits to be scanned again instead of
     * failing; another wallet can then pay it.
     */
    @Test
    void aWalletThatCannotPayAtTheLastMomentLeavesTheMerchantsPaymentWaiting() {
        Consumer poor = consumer();
        fund(poor, 100);
        Consumer rich = consumer();
        fund(rich, 1_000);
        OnboardedMerchant shop = onboardMerchant("Noodle Bar", "");
        JsonNode payment = qrPayment(shop, 600);
        String id = payment.path("id").asString();

        // past the consumer's own checks, straight to the debit, as when a transfer empties the wallet in between
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> payments.payFromWallet(id, poor.id(), new io.huitong.kernel.Money(600, "CNY")))
                .isInstanceOfSatisfying(io.huitong.payments.PaymentRefused.class, e -> assertThat(e.refusal())
                        .isInstanceOf(io.huitong.payments.Refusal.Declined.class));

        JsonNode waiting = api.get("/v1/payments/" + id, "Authorization", shop.bearer()).json();
        assertThat(waiting.path("status").asString()).as(waiting.toString()).isEqualTo("requires_action");
        assertThat(waiting.path("failure_code").isNull()).isTrue();
        assertThat(waiting.path("next_action").path("type").asString()).isEqualTo("display_qr");
        assertThat(available(poor)).isEqualTo(100);

        Api.Response paid = payQr(rich, payment.path("next_action").path("qr_payload").asString());
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(api.get("/v1/payments/" + id, "Authorization", shop.bearer()).json().path("status").asString()).isEqualTo("succeeded");
        assertThat(available(rich)).isEqualTo(400);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Autowired
    io.huitong.payments.Payments payments;
}
