package io.huitong.wallets.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Money;
import org.junit.jupiter.api.Test;

class MerchantQrTest {

    static final String PAYMENT = "pay_01JD0000000000000000000000";

    @Test
    void readsThePaymentAndItsAmountFromAnEmvcoPayload() {
        String payload = EmvPayloads.payment(PAYMENT, "12.34", "Corner Tea Shop");
        assertThat(payload).startsWith("000201").contains("6304");
        MerchantQr qr = MerchantQr.parse(payload);
        assertThat(qr.paymentId()).isEqualTo(PAYMENT);
        assertThat(qr.amount()).contains(new Money(1234, "CNY"));
        assertThat(MerchantQr.parse(EmvPayloads.payment(PAYMENT, null, "Shop")).amount()).isEmpty();
    }

    @Test
    void refusesWhatIsNoPaymentsQrCodeNamingTheParameter() {
        String payload = EmvPayloads.payment(PAYMENT, "12.34", "Corner Tea Shop");
        String tampered = payload.replace("12.34", "12.30");
        String[] bad = {"", "hello", "https://example.com/pay", tampered, EmvPayloads.payment(null, "1.00", "Shop"),
                EmvPayloads.payment("ORDER-42", "1.00", "Shop"), payload.substring(0, payload.length() - 1)};
        for (String b : bad) {
            assertThatThrownBy(() -> MerchantQr.parse(b)).as(b).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.param()).isEqualTo("qr_payload");
            });
        }
        assertThatThrownBy(() -> MerchantQr.parse(null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("parameter_missing"));
    }
}
