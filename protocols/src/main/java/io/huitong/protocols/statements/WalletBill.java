package io.huitong.protocols.statements;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The wallet operator's daily bill, in the style of the Chinese wallet operators' bills: a column header, one
 * detail line per payment and refund with every field prefixed by a backtick (so that spreadsheets keep long
 * numbers as text), then a summary header and one summary line in the same style. The layout is in
 * {@link io.huitong.protocols.statements the package documentation}; {@link WalletBillWriter} writes it and
 * {@link WalletBillReader} reads it.
 */
public final class WalletBill {

    static final List<String> DETAIL_HEADER = List.of("trade_time", "app_id", "trade_no", "out_trade_no", "out_refund_no", "type",
            "status", "amount", "fee", "currency");
    static final List<String> SUMMARY_HEADER = List.of("total_count", "total_amount", "total_fee");

    private WalletBill() {
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
        /** The operator reports the payment or refund as not done: it counts in no total. */
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
     * One detail line. Amounts in minor units (fen), written in yuan with two decimals.
     *
     * @param tradeTime   when the operator completed it, China Standard Time (Asia/Shanghai), to the second
     * @param tradeNo     the operator's transaction id
     * @param outTradeNo  our order id: the payment's id
     * @param outRefundNo our refund's id, for refunds; null for payments
     * @param amount      positive, for payments and refunds alike
     * @param fee         the operator's fee, signed (a refund may give part of it back)
     */
    public record Line(LocalDateTime tradeTime, String appId, String tradeNo, String outTradeNo, String outRefundNo, Type type,
                       Status status, long amount, long fee, String currency) {
        public Line {
            Objects.requireNonNull(tradeTime, "tradeTime");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(status, "status");
        }

        /** Our reference of the line: the refund's id for refunds, the payment's for payments. */
        public String reference() {
            return type == Type.REFUND ? outRefundNo : outTradeNo;
        }
    }

    /**
     * The summary line.
     *
     * @param count       every detail line
     * @param totalAmount successful payments less successful refunds
     * @param totalFee    the fees of the successful lines
     */
    public record Summary(long count, long totalAmount, long totalFee) {
    }

    static final class Totals {
        long count;
        long amount;
        long fee;

        void add(Line line) {
            count++;
            if (line.status() == Status.SUCCESS) {
                amount = Math.addExact(amount, line.type() == Type.REFUND ? -line.amount() : line.amount());
                fee = Math.addExact(fee, line.fee());
            }
        }

        Summary summary() {
            return new Summary(count, amount, fee);
        }
    }
}
