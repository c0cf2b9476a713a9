package io.huitong.payments;

import java.time.Instant;
import java.util.Map;

/** A payment as the API shows it (docs/api.md, "Payment object"). Carries the card's brand and last 4 only. */
public record Payment(String id, String object, long amount, String currency, String status, long amountCapturable,
                      long amountReceived, long amountRefunded, String captureMethod, PaymentMethod paymentMethod,
                      String channel, NextAction nextAction, String failureCode, String failureMessage, Risk risk,
                      String description, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {

    /** The method and, for its type only, its details: {@code card}, {@code bank_transfer} or {@code ecny}. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record PaymentMethod(String type, Card card, BankTransfer bankTransfer, Ecny ecny) {
    }

    /** The payer's bank account: its bank, last four characters and holder's name. */
    public record BankTransfer(String bankCode, String last4, String accountName) {
    }

    /** The payer's e-CNY wallet: the last four digits of its id. */
    public record Ecny(String last4) {
    }

    public record Card(String brand, String last4, Integer expMonth, Integer expYear) {
    }

    /**
     * What the payer must do next: {@code authenticate} at {@code url}, or {@code display_qr}: scan
     * {@code qr_payload} (an EMVCo merchant-presented QR payload) before {@code expires_at}.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record NextAction(String type, String url, String qrPayload, Instant expiresAt) {

        public static NextAction authenticate(String url) {
            return new NextAction("authenticate", url, null, null);
        }

        public static NextAction displayQr(String qrPayload, Instant expiresAt) {
            return new NextAction("display_qr", null, qrPayload, expiresAt);
        }
    }

    /**
     * Risk control's decision on the payment: {@code allow}, {@code challenge}, {@code review} or {@code block}, the
     * score (0 to 100) and the reasons (the rules that matched, or the list entry).
     */
    public record Risk(String decision, int score, java.util.List<String> reasons) {
    }
}
