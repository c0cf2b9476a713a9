package io.huitong.protocols.statements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * The card acquirer's daily settlement file: what the acquirer settled with us on one business date. The
 * layout is in {@link io.huitong.protocols.statements the package documentation}; {@link AcquirerSettlementWriter}
 * writes it and {@link AcquirerSettlementReader} reads it.
 */
public final class AcquirerSettlement {

    /** The format's name, first field after {@code H}. */
    public static final String FORMAT = "acquirer_settlement";
    /** The layout's version, second field after {@code H}. */
    public static final String VERSION = "1";

    private AcquirerSettlement() {
    }

    /** What the acquirer did: the message behind the line. */
    public enum Code {
        /** A sale (0200 purchase), captured at once: money in. */
        SALE,
        /** The capture (0220 completion) of an earlier authorization: money in. */
        CAPTURE,
        /** A refund (0200 refund): money out. */
        REFUND,
        /** The reversal (0400) of a captured sale or of a refund: the money goes back. */
        REVERSAL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Code ofWire(String text) {
            for (Code c : values()) {
                if (c.wire().equals(text)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** Whether the acquirer settled the line. */
    public enum Status {
        /** Settled: the settlement amount moves. */
        SETTLED,
        /** Failed at the acquirer: nothing moves, fee and settlement amount are 0. */
        FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status ofWire(String text) {
            for (Status s : values()) {
                if (s.wire().equals(text)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * The {@code H} line.
     *
     * @param acquirer     the acquirer's name as the platform knows it ({@code acq_a})
     * @param businessDate the business date settled (Asia/Shanghai)
     */
    public record Header(String acquirer, LocalDate businessDate) {
        public Header {
            Objects.requireNonNull(acquirer, "acquirer");
            Objects.requireNonNull(businessDate, "businessDate");
        }
    }

    /**
     * One {@code D} line. Amounts are minor units of {@code currency}.
     *
     * @param transmissionTime  field 7 of the request, as a UTC instant
     * @param maskedPan         the card, first six and last four digits only; null when the acquirer has no card for it
     * @param amount            the transaction's amount, positive
     * @param rrn               the acquirer's retrieval reference number (field 37)
     * @param authorizationCode the acquirer's authorization code (field 38), or null
     * @param reference         our reference: field 48 of the request (a payment's or refund's id; a reversal carries
     *                          the reversed transaction's)
     * @param merchantId        the card acceptor id we sent (field 42), or null when the acquirer never had one
     * @param fee               the acquirer's fee for the line, signed (a reversal gives the fee back)
     * @param settlementAmount  what moves to (positive) or from (negative) us: ±amount − fee; 0 when failed
     * @param originalReference the refunded payment (field 62) or the reversed transaction; null for sales and captures
     */
    public record Line(Code code, String stan, Instant transmissionTime, String maskedPan, long amount, String currency, String rrn,
                       String authorizationCode, String reference, String merchantId, long fee, long settlementAmount,
                       String originalReference, Status status) {
        public Line {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * The {@code T} line: control totals over every {@code D} line, whatever its currency.
     *
     * @param count the number of D lines
     */
    public record Trailer(long count, long amountTotal, long feeTotal, long settlementTotal) {
    }

    /** What the reader adds up while reading, to check the trailer; the writer adds up the same way. */
    static final class Totals {
        long count;
        long amount;
        long fee;
        long settlement;

        void add(Line line) {
            count++;
            amount = Math.addExact(amount, line.amount());
            fee = Math.addExact(fee, line.fee());
            settlement = Math.addExact(settlement, line.settlementAmount());
        }

        Trailer trailer() {
            return new Trailer(count, amount, fee, settlement);
        }
    }
}
