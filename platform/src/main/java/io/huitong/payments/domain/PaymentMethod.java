package io.huitong.payments.domain;

import java.util.Locale;
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

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<PaymentMethod> fromWire(String text) {
        for (PaymentMethod m : values()) {
            if (m.wireName.equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public boolean isCard() {
        return this == CARD;
    }
}
