package io.huitong.payments;

import java.time.Instant;
import java.util.Map;

/** A payment as the API shows it (api.md, "Payment object"). Carries the card's brand and last 4 only. */
public record Payment(String id, String object, long amount, String currency, String status, long amountCapturable,
                      long amountReceived, long amountRefunded, String captureMethod, PaymentMethod paymentMethod,
                      String channel, NextAction nextAction, String failureCode, String failureMessage, Risk risk,
                      String description, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {

    public record PaymentMethod(String type, Card card) {
    }

    public record Card(String brand, String last4, Integer expMonth, Integer expYear) {
    }

    /** What the payer must do next: {@code authenticate} at {@code url}. */
    public record NextAction(String type, String url) {
    }

    /** The risk engine's decision on the payment. */
    public record Risk(String decision, int score) {
    }
}
