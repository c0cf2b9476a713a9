package io.huitong.aml;

import java.time.Instant;
import java.util.Objects;

/**
 * A movement to record, as a channel hands it over: {@code sourceRef} names it once and for all (recording
 * the same source again changes nothing). {@code cash} is set by a channel that takes or pays out cash
 * (none of today's methods does: card top-ups, card and bank payments and wallet movements are not cash);
 * {@code crossBorder} by one that knows the other side is abroad.
 */
public record NewAmlTransaction(String sourceRef, String kind, String customer, String customerType, String direction, String counterparty,
                                String merchant, String reference, long amount, String currency, boolean crossBorder, boolean cash,
                                Instant occurredAt) {

    public NewAmlTransaction {
        Objects.requireNonNull(sourceRef, "sourceRef");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!AmlTransaction.INDIVIDUAL.equals(customerType) && !AmlTransaction.ORGANISATION.equals(customerType)) {
            throw new IllegalArgumentException("customerType must be individual or organisation");
        }
        if (!AmlTransaction.DEBIT.equals(direction) && !AmlTransaction.CREDIT.equals(direction)) {
            throw new IllegalArgumentException("direction must be debit or credit");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }
}
