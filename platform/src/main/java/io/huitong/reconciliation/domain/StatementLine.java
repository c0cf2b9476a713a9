package io.huitong.reconciliation.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a channel's statement, whatever the channel's format, as reconciliation compares it with our records.
 *
 * @param lineNo            the line's position among the statement's lines (1-based), in the order the file has them
 * @param reference         our reference as the channel echoes it (a payment's, refund's, payout's or withdrawal's id)
 * @param channelReference  the channel's own id of the transaction (retrieval reference, trade or order number), or null
 * @param originalReference the refunded or reversed transaction, or null
 * @param kind              the channel's word for what it is (sale, refund, transfer, payout...), lower case
 * @param reversal          the line undoes an earlier one of the same reference
 * @param failed            the channel reports the transaction failed: nothing moved
 * @param amount            signed minor units: positive moves money to the platform, negative away from it
 * @param occurredAt        when the channel did it, or null when the statement gives only a date
 */
public record StatementLine(long lineNo, String reference, String channelReference, String originalReference, String kind,
                            boolean reversal, boolean failed, long amount, String currency, long fee, Instant occurredAt) {

    public StatementLine {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
    }
}
