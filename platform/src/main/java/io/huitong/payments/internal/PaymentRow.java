package io.huitong.payments.internal;

import io.huitong.payments.domain.PaymentStatus;
import java.time.Instant;
import java.util.Map;

/** A payment as stored. Immutable: every change is a new row value written back in the same transaction. */
record PaymentRow(String id, String merchantId, long amount, String currency, PaymentStatus status, String captureMethod,
                  long amountCapturable, long amountReceived, long amountRefunded, long fee, String methodType,
                  String cardBrand, String cardLast4, Integer cardExpMonth, Integer cardExpYear, String cardSealed,
                  String channel, String authorizationCode, String actionToken, String failureCode, String failureMessage,
                  String description, Map<String, String> metadata, String idempotencyKey, Instant resolveAfter,
                  int resolveAttempts, Instant createdAt, Instant updatedAt, OrderInfo order, RiskInfo risk) {

    /** Risk control's decision on the payment, as the payment object shows it. */
    record RiskInfo(String decision, int score, java.util.List<String> reasons) {
    }

    /** Held for an analyst's review: authorized (the hold in the ledger), neither captured nor released yet. */
    boolean heldForReview() {
        return risk != null && "review".equals(risk.decision()) && status == io.huitong.payments.domain.PaymentStatus.PROCESSING
                && amountCapturable > 0;
    }

    boolean riskReview() {
        return risk != null && "review".equals(risk.decision());
    }

    PaymentRow withRisk(RiskInfo newRisk) {
        return new PaymentRow(id, merchantId, amount, currency, status, captureMethod, amountCapturable, amountReceived, amountRefunded,
                fee, methodType, cardBrand, cardLast4, cardExpMonth, cardExpYear, cardSealed, channel, authorizationCode,
                actionToken, failureCode, failureMessage, description, metadata, idempotencyKey, resolveAfter, resolveAttempts, createdAt,
                updatedAt, order, newRisk);
    }


    /**
     * What an order payment (bank transfer, e-CNY, QR) carries beyond a card payment: the payer's account as
     * shown, the channel's id of the order, the QR payload the merchant shows, and the order's expiry.
     */
    record OrderInfo(String payerBankCode, String payerLast4, String payerName, String channelReference, String qrPayload,
                     Instant expiresAt) {

        static final OrderInfo EMPTY = new OrderInfo(null, null, null, null, null, null);

        static OrderInfo of(String payerBankCode, String payerLast4, String payerName, String channelReference, String qrPayload,
                            Instant expiresAt) {
            OrderInfo info = new OrderInfo(payerBankCode, payerLast4, payerName, channelReference, qrPayload, expiresAt);
            return info.equals(EMPTY) ? null : info;
        }

        OrderInfo opened(String newChannelReference, String newQrPayload, Instant newExpiresAt) {
            return new OrderInfo(payerBankCode, payerLast4, payerName, newChannelReference, newQrPayload, newExpiresAt);
        }
    }

    OrderInfo orderOrEmpty() {
        return order == null ? OrderInfo.EMPTY : order;
    }

    boolean isCard() {
        return "card".equals(methodType);
    }

    PaymentRow withOrder(OrderInfo newOrder) {
        return new PaymentRow(id, merchantId, amount, currency, status, captureMethod, amountCapturable, amountReceived, amountRefunded,
                fee, methodType, cardBrand, cardLast4, cardExpMonth, cardExpYear, cardSealed, channel, authorizationCode,
                actionToken, failureCode, failureMessage, description, metadata, idempotencyKey, resolveAfter, resolveAttempts, createdAt,
                updatedAt, newOrder, risk);
    }

    boolean manualCapture() {
        return "manual".equals(captureMethod);
    }

    PaymentRow moved(PaymentStatus next, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("payment " + id + " cannot move from " + status + " to " + next);
        }
        return new PaymentRow(id, merchantId, amount, currency, next, captureMethod, amountCapturable, amountReceived, amountRefunded,
                fee, methodType, cardBrand, cardLast4, cardExpMonth, cardExpYear, cardSealed, channel, authorizationCode,
                actionToken, failureCode, failureMessage, description, metadata, idempotencyKey,
                next == PaymentStatus.PROCESSING ? resolveAfter : null, resolveAttempts, createdAt, now, order, risk);
    }

    PaymentRow withAmounts(long capturable, long received, long refunded, long newFee) {
        return new PaymentRow(id, merchantId, amount, currency, status, captureMethod, capturable, received, refunded, newFee,
                methodType, cardBrand, cardLast4, cardExpMonth, cardExpYear, cardSealed, channel, authorizationCode, actionToken,
                failureCode, failureMessage, description, metadata, idempotencyKey, resolveAfter, resolveAttempts, createdAt, updatedAt, order, risk);
    }

    PaymentRow withChannel(String newChannel, String newAuthorizationCode) {
        return new PaymentRow(id, merchantId, amount, currency, status, captureMethod, amountCapturable, amountReceived, amountRefunded,
                fee, methodType, cardBrand, cardLast4, cardExpMonth, cardExpYear, cardSealed, newChannel, newAuthorizationCode,
                actionToken, failureCode, failureMessage, description, metadata, idempotencyKey, resolveAfter, resolveAttempts,
                createdAt, updatedAt, order, risk);
    }

    PaymentRow withFailure(String code, String message) {
        return new PaymentRow(id, merchantId, amount, currency, status, captureMethod, amountCapturable, amountReceived, amountRefunded,
                fee, methodType, cardBrand, cardLast4, cardExpMonth, cardExpYear, cardSealed, channel, authorizationCode,
                actionToken, code, message, description, metadata, idempotencyKey, resolveAfter, resolveAttempts, createdAt, updatedAt, order, risk);
    }

    PaymentRow withActionToken(String token) {
        return new PaymentRow(id, merchantId, amount, currency, status, captureMethod, amountCapturable, amountReceived, amountRefunded,
                fee, methodType, cardBrand, cardLast4, cardExpMonth, cardExpYear, cardSealed, channel, authorizationCode,
                token, failureCode, failureMessage, description, metadata, idempotencyKey, resolveAfter, resolveAttempts, createdAt,
                updatedAt, order, risk);
    }

    PaymentRow resolveAt(Instant at, int attempts) {
        return new PaymentRow(id, merchantId, amount, currency, status, captureMethod, amountCapturable, amountReceived, amountRefunded,
                fee, methodType, cardBrand, cardLast4, cardExpMonth, cardExpYear, cardSealed, channel, authorizationCode,
                actionToken, failureCode, failureMessage, description, metadata, idempotencyKey, at, attempts, createdAt, updatedAt, order, risk);
    }

    @Override
    public String toString() {
        return "Payment[" + id + ", " + status + ", " + amount + " " + currency + "]";
    }
}
