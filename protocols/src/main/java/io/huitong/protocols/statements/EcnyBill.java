package io.huitong.protocols.statements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The e-CNY operator's daily bill of a merchant: a plain RFC 4180 CSV with a column header, one line per
 * payment and refund, and a final {@code TOTAL} line. The layout is in {@link io.huitong.protocols.statements
 * the package documentation}; {@link EcnyBillWriter} writes it and {@link EcnyBillReader} reads it.
 */
public final class EcnyBill {

    static final List<String> HEADER = List.of("trade_time", "merchant_no", "trade_type", "order_no", "out_trade_no",
            "original_out_trade_no", "amount", "fee", "currency", "status");
    static final String TOTAL = "TOTAL";

    private EcnyBill() {
    }

    public enum Type {
        PAYMENT, REFUND;

        static Type of(String text) {
            for (Type t : values()) {
                if (t.name().equals(text)) {
                    return t;
                }
            }
            return null;
        }
    }

    public enum Status {
        SUCCESS,
        /** The operator reports it as not done: it counts in no total. */
        FAILED;

        static Status of(String text) {
            for (Status s : values()) {
                if (s.name().equals(text)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * One line. Amounts in fen.
     *
     * @param tradeTime          when the payer confirmed the payment, or the refund was made; written at +08:00
     * @param orderNo            the operator's id of the order or refund
     * @param outTradeNo         our reference: {@code out_order_no} of a payment, {@code out_refund_no} of a refund
     * @param originalOutTradeNo the refunded payment's {@code out_order_no}; null for payments
     * @param amount             positive, for payments and refunds alike
     * @param fee                the operator's fee, signed
     */
    public record Line(Instant tradeTime, String merchantNo, Type type, String orderNo, String outTradeNo, String originalOutTradeNo,
                       long amount, long fee, String currency, Status status) {
        public Line {
            Objects.requireNonNull(tradeTime, "tradeTime");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * The {@code TOTAL} line.
     *
     * @param billDate     the business date billed (Asia/Shanghai)
     * @param count        every line above
     * @param paymentTotal the successful payments' amounts
     * @param refundTotal  the successful refunds' amounts
     * @param feeTotal     the successful lines' fees
     */
    public record Totals(LocalDate billDate, long count, long paymentTotal, long refundTotal, long feeTotal) {
    }

    static final class Sums {
        long count;
        long payments;
        long refunds;
        long fees;

        void add(Line line) {
            count++;
            if (line.status() == Status.SUCCESS) {
                if (line.type() == Type.PAYMENT) {
                    payments = Math.addExact(payments, line.amount());
                } else {
                    refunds = Math.addExact(refunds, line.amount());
                }
                fees = Math.addExact(fees, line.fee());
            }
        }

        Totals totals(LocalDate date) {
            return new Totals(date, count, payments, refunds, fees);
        }
    }
}
