package io.huitong.payments.domain;

import java.util.Optional;

/**
 * How a payer pays ({@code payment_method.type}). A card is authorized at an acquirer; every other method opens an
 * order at a channel that the payer completes on their side.
 */
public enum PaymentMethod {
    CARD,
    BANK_TRANSFER,
    ECNY,
    QR,
    PAYMENT_CODE;

    private final String wireName = WireNames.of(this);

    public String wireName() {
        return wireName;
    }

    public static Optional<PaymentMethod> fromWire(String text) {
        return WireNames.parse(PaymentMethod.class, text);
    }

    public boolean isCard() {
        return this == CARD;
    }
}
