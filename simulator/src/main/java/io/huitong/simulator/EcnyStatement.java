package io.huitong.simulator;

import io.huitong.protocols.statements.EcnyBill;
import io.huitong.protocols.statements.EcnyBill.Line;
import io.huitong.protocols.statements.EcnyBillWriter;
import io.huitong.protocols.ecny.Ecny;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The e-CNY operator's daily bill ({@link EcnyBill}) from its book: every order the payer confirmed that day and
 * every refund made that day. The operator charges merchants no fee for digital RMB, so every fee is 0.
 */
final class EcnyStatement implements StatementBook<Line> {

    private final Supplier<List<Map<String, Object>>> book;

    EcnyStatement(Supplier<List<Map<String, Object>>> book) {
        this.book = book;
    }

    @Override
    public List<Line> lines(LocalDate date, String merchantNo) {
        List<Map<String, Object>> entries = book.get();
        Map<String, String> merchants = new HashMap<>();
        for (Map<String, Object> e : entries) {
            if ("payment".equals(e.get("kind"))) {
                merchants.put((String) e.get("reference"), (String) e.get("merchant_no"));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            boolean payment = "payment".equals(e.get("kind"));
            Object at = payment ? e.get("paid_at") : e.get("at");
            if (at == null || payment && !Ecny.PAID.equals(e.get("status"))) {
                continue;
            }
            Instant time = Instant.parse((String) at);
            String merchant = payment ? (String) e.get("merchant_no") : merchants.get((String) e.get("original_reference"));
            if (!ChannelStatement.businessDate(time).equals(date) || merchantNo != null && !merchantNo.equals(merchant)) {
                continue;
            }
            lines.add(new Line(time, merchant == null ? "" : merchant, payment ? EcnyBill.Type.PAYMENT : EcnyBill.Type.REFUND,
                    (String) e.get(payment ? "order_no" : "refund_no"), (String) e.get("reference"),
                    payment ? null : (String) e.get("original_reference"), ((Number) e.get("amount")).longValue(), 0, (String) e.get("currency"),
                    EcnyBill.Status.SUCCESS));
        }
        lines.sort(Comparator.comparing(Line::tradeTime));
        return lines;
    }

    @Override
    public String reference(Line line) {
        return line.outTradeNo();
    }

    @Override
    public Line amount(Line line, long delta) {
        long amount = line.amount() + delta;
        if (amount <= 0) {
            throw new IllegalArgumentException("the amount fault on " + line.outTradeNo() + " leaves " + amount + ", and an amount must be positive");
        }
        return new Line(line.tradeTime(), line.merchantNo(), line.type(), line.orderNo(), line.outTradeNo(), line.originalOutTradeNo(), amount,
                line.fee(), line.currency(), line.status());
    }

    @Override
    public Line failed(Line line) {
        return new Line(line.tradeTime(), line.merchantNo(), line.type(), line.orderNo(), line.outTradeNo(), line.originalOutTradeNo(),
                line.amount(), 0, line.currency(), EcnyBill.Status.FAILED);
    }

    @Override
    public Line unknown(LocalDate date, int index, String merchantNo) {
        return new Line(date.atTime(LocalTime.NOON).atZone(ChannelStatement.BUSINESS_ZONE).toInstant(), merchantNo == null ? "M_UNKNOWN" : merchantNo,
                EcnyBill.Type.PAYMENT, "ec9" + String.format("%013d", index), StatementFaults.unknownReference("pay", date, index), null,
                1_000 + 100L * index, 0, "CNY", EcnyBill.Status.SUCCESS);
    }

    @Override
    public void write(LocalDate date, List<Line> lines, StatementFaults faults, OutputStream out) {
        try (EcnyBillWriter writer = new EcnyBillWriter(out, date)) {
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
        return "ecny-bill-" + date + ".csv";
    }
}
