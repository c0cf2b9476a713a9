package io.huitong.web.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.testsupport.Api;
import io.huitong.wallets.domain.EmvPayloads;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * A consumer pays a merchant's {@code qr} payment from the wallet. The QR channel here stands in for a
 * wallet operator's connector: it shows an EMVCo payload naming the payment, and closes orders on request.
 */
@Import(WalletQrPaymentTests.QrOperator.class)
abstract class WalletQrPaymentTests extends WalletFixtures {

    @Autowired
    QrOperator operator;

    /** A wallet operator's QR channel: orders wait to be scanned; {@link #paidThere} marks one as paid at the operator. */
    @TestConfiguration(proxyBeanMethods = false)
    static class QrOperator implements OrderChannel {

        final Map<String, Money> open = new ConcurrentHashMap<>();
        final Set<String> closed = ConcurrentHashMap.newKeySet();
        final Set<String> paidThere = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "test_qr";
        }

        @Override
        public String method() {
            return "qr";
        }

        @Override
        public OrderResult open(OrderRequest request) {
            open.put(request.reference(), request.amount());
            String amount = BigDecimal.valueOf(request.amount().amount(), 2).toPlainString();
            return new OrderResult.Opened("op" + request.reference().substring(4, 14),
                    EmvPayloads.payment(request.reference(), amount, request.merchantName()), request.expiresAt());
        }

        @Override
        public OrderStatus query(String reference) {
            if (paidThere.contains(reference)) {
                return new OrderStatus.Paid("op" + reference.substring(4, 14), open.get(reference));
            }
            if (closed.contains(reference)) {
                return new OrderStatus.Failed("order_closed", "closed");
            }
            return open.containsKey(reference) ? new OrderStatus.Pending() : new OrderStatus.NotFound();
        }

        @Override
        public ChannelResult close(String reference) {
            if (paidThere.contains(reference)) {
                return new ChannelResult.Declined("order_paid", "paid");
            }
            closed.add(reference);
            return new ChannelResult.Approved(null);
        }

        @Override
        public ChannelResult refund(String refundReference, String paymentReference, Money amount) {
            return new ChannelResult.Approved("rf" + refundReference.substring(3, 13));
        }
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
        assertThat(operator.closed).contains(payment.path("id").asString());

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
    void aPayloadNamingNoPaymentWaitingToBePaidIsRefusedAndChangesNothing() {
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
        Api.Response wrongAmount = payQr(c, EmvPayloads.payment(other.path("id").asString(), "1.00", "Fruit Stall"));
        assertThat(wrongAmount.status()).as(wrongAmount.body()).isEqualTo(409);

        JsonNode paidElsewhere = qrPayment(shop, 100);
        operator.paidThere.add(paidElsewhere.path("id").asString());
        Api.Response late = payQr(c, paidElsewhere.path("next_action").path("qr_payload").asString());
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(api.get("/v1/payments/" + paidElsewhere.path("id").asString(), "Authorization", shop.bearer()).json()
                .path("channel").asString()).as("paid at the operator").isEqualTo("test_qr");

        api.postJson("/v1/wallet/freeze", "", "Authorization", c.bearer());
        Api.Response frozen = payQr(c, other.path("next_action").path("qr_payload").asString());
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(403);
        assertThat(available(c)).isEqualTo(1_000);
        assertThat(history(c, "").path("data")).isEmpty();
        assertThat(ledger.check().balanced()).isTrue();
    }
}
