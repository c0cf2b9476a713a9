package io.huitong.checkout;

import java.util.List;

/**
 * The methods a checkout page offers: {@code card}; {@code qr}, the wallet operator's QR code; {@code wallet}, the
 * payer's Huitong wallet (logging in on the page, or scanning the same QR code with the wallet app); {@code ecny};
 * {@code bank_transfer}. QR, wallet and e-CNY take CNY only.
 */
public final class PaymentMethods {

    public static final String CARD = "card";
    public static final String QR = "qr";
    public static final String WALLET = "wallet";
    public static final String ECNY = "ecny";
    public static final String BANK_TRANSFER = "bank_transfer";
    public static final List<String> ALL = List.of(CARD, QR, WALLET, ECNY, BANK_TRANSFER);

    private PaymentMethods() {
    }

    /** Whether the method takes payments in this currency. */
    public static boolean takes(String method, String currency) {
        return method.equals(CARD) || method.equals(BANK_TRANSFER) || "CNY".equals(currency);
    }
}
