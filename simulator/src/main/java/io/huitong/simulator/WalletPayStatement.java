package io.huitong.simulator;

import io.huitong.protocols.statements.WalletBill;
import io.huitong.protocols.statements.WalletBill.Line;
import io.huitong.protocols.statements.WalletBillWriter;
import io.huitong.protocols.walletpay.WalletPay;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The wallet operator's daily bill ({@link WalletBill}) from its book: every order paid that day and every refund
 * made that day. The operator charges {@value #FEE_BASIS_POINTS} hundredths of a percent of each payment (rounded
 * half up to the fen) and keeps it on refunds.
 */
final class WalletPayStatement implements StatementBook<Line> {

    static final long FEE_BASIS_POINTS = 60;

    private final Supplier<List<Map<String, Object>>> book;

    WalletPayStatement(Supplier<List<Map<String, Object>>> book) {
        this.book = book;
    }

    static long fee(long amount) {
        return Math.floorDiv(Math.multiplyExact(amount, FEE_BASIS_POINTS) + 5_000, 10_000);
    }

    @Override
    public List<Line> lines(LocalDate date, String appId) {
        List<Map<String, Object>> entries = book.get();
        Map<String, String> apps = new HashMap<>();
        for (Map<String, Object> e : entries) {
            if ("payment".equals(e.get("kind"))) {
                apps.put((String) e.get("reference"), (String) e.get("app_id"));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            boolean payment = "payment".equals(e.get("kind"));
            Object at = payment ? e.get("paid_at") : e.get("at");
            if (at == null || payment && !WalletPay.TRADE_SUCCESS.equals(e.get("status"))) {
                continue;
            }
            LocalDateTime time = LocalDateTime.ofInstant(Instant.parse((String) at), ChannelStatement.BUSINESS_ZONE).truncatedTo(ChronoUnit.SECONDS);
            String app = payment ? (String) e.get("app_id") : apps.get((String) e.get("original_reference"));
            if (!time.toLocalDate().equals(date) || appId != null && !appId.equals(app)) {
                continue;
            }
            long amount = ((Number) e.get("amount")).longValue();
            lines.add(new Line(time, app == null ? "" : app, (String) e.get("trade_no"), (String) e.get(payment ? "reference" : "original_reference"),
                    payment ? null : (String) e.get("reference"), payment ? WalletBill.Type.PAYMENT : WalletBill.Type.REFUND, WalletBill.Status.SUCCESS,
                    amount, payment ? fee(amount) : 0, (String) e.get("currency")));
        }
        lines.sort(Comparator.comparing(Line::tradeTime));
        return lines;
    }

    @Override
    public String reference(Line line) {
        return line.reference();
    }

    @Override
    public Line amount(Line line, long delta) {
        long amount = line.amount() + delta;
        if (amount <= 0) {
            throw new IllegalArgumentException("the amount fault on " + line.reference() + " leaves " + amount + ", and an amount must be positive");
        }
        return new Line(line.tradeTime(), line.appId(), line.tradeNo(), line.outTradeNo(), line.outRefundNo(), line.type(), line.status(), amount,
                line.fee(), line.currency());
    }

    @Override
    public Line failed(Line line) {
        return new Line(line.tradeTime(), line.appId(), line.tradeNo(), line.outTradeNo(), line.outRefundNo(), line.type(), WalletBill.Status.FAILED,
                line.amount(), 0, line.currency());
    }

    @Override
    public Line unknown(LocalDate date, int index, String appId) {
        long amount = 1_000 + 100L * index;
        return new Line(date.atTime(LocalTime.NOON), appId == null ? "app_unknown" : appId,
                "wp" + java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(date) + "9" + String.format("%07d", index),
                StatementFaults.unknownReference("pay", date, index), null, WalletBill.Type.PAYMENT, WalletBill.Status.SUCCESS, amount, fee(amount), "CNY");
    }

    @Override
    public void write(LocalDate date, List<Line> lines, StatementFaults faults, OutputStream out) {
        try (WalletBillWriter writer = new WalletBillWriter(out)) {
            lines.forEach(writer::write);
            writer.finish();
        }
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public String fileName(LocalDate date) {
        return "walletpay-bill-" + date + ".csv";
    }
}
