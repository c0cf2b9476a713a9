package io.huitong.wallets;

/**
 * A merchant's QR code as the payer confirms it before paying: the payment it names, the amount it states (minor units of
 * {@code currency}) and the merchant's name it states (null when it states none).
 */
public record WalletQrPreview(String payment, long amount, String currency, String merchant) {
}
