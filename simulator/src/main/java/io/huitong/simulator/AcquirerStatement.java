package io.huitong.simulator;

import io.huitong.protocols.statements.AcquirerSettlement;
import io.huitong.protocols.statements.AcquirerSettlement.Code;
import io.huitong.protocols.statements.AcquirerSettlement.Line;
import io.huitong.protocols.statements.AcquirerSettlement.Status;
import io.huitong.protocols.statements.AcquirerSettlementWriter;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A simulated acquirer's daily settlement file ({@link AcquirerSettlement}) from its {@link AcquirerJournal}. The
 * acquirer charges {@code feeBasisPoints} of each sale and capture (rounded half up to the minor unit), keeps it on
 * refunds and gives it back when it reverses a sale.
 */
final class AcquirerStatement implements StatementBook<Line> {

    private final String acquirer;
    private final AcquirerJournal journal;
    private final long feeBasisPoints;

    AcquirerStatement(String acquirer, AcquirerJournal journal, long feeBasisPoints) {
        this.acquirer = acquirer;
        this.journal = journal;
        this.feeBasisPoints = feeBasisPoints;
    }

    @Override
    public List<Line> lines(LocalDate date, String account) {
        return journal.on(date).stream().map(this::line).toList();
    }

    private Line line(AcquirerJournal.Settled s) {
        long fee = switch (s.code()) {
            case SALE, CAPTURE -> fee(s.amount());
            case REFUND -> 0;
            case REVERSAL -> s.outgoing() ? -fee(s.amount()) : 0;
        };
        long settlement = (s.outgoing() ? -s.amount() : s.amount()) - fee;
        return new Line(s.code(), s.stan() == null ? "000000" : s.stan(), s.transmitted(), s.maskedPan(), s.amount(), s.currency(), s.rrn(),
                s.authorizationCode(), s.reference(), s.merchantId(), fee, settlement, s.originalReference(), Status.SETTLED);
    }

    long fee(long amount) {
        return Math.floorDiv(Math.multiplyExact(amount, feeBasisPoints) + 5_000, 10_000);
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
        boolean outgoing = line.settlementAmount() != line.amount() - line.fee();
        long settlement = line.status() == Status.FAILED ? 0 : (outgoing ? -amount : amount) - line.fee();
        return new Line(line.code(), line.stan(), line.transmissionTime(), line.maskedPan(), amount, line.currency(), line.rrn(),
                line.authorizationCode(), line.reference(), line.merchantId(), line.fee(), settlement, line.originalReference(), line.status());
    }

    @Override
    public Line failed(Line line) {
        return new Line(line.code(), line.stan(), line.transmissionTime(), line.maskedPan(), line.amount(), line.currency(), line.rrn(),
                line.authorizationCode(), line.reference(), line.merchantId(), 0, 0, line.originalReference(), Status.FAILED);
    }

    @Override
    public Line unknown(LocalDate date, int index, String account) {
        long amount = 1_000 + 100L * index;
        long fee = fee(amount);
        return new Line(Code.SALE, String.format("%06d", 900_000 + index % 100_000),
                date.atTime(LocalTime.NOON).atZone(ChannelStatement.BUSINESS_ZONE).toInstant(), "400000******0000", amount, "CNY",
                String.format("%012d", 990_000_000_000L + index), "999999", StatementFaults.unknownReference("pay", date, index), "mer_unknown",
                fee, amount - fee, null, Status.SETTLED);
    }

    @Override
    public void write(LocalDate date, List<Line> lines, StatementFaults faults, OutputStream out) {
        try (AcquirerSettlementWriter writer = new AcquirerSettlementWriter(out, new AcquirerSettlement.Header(acquirer, date))) {
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
        return acquirer + "-settlement-" + date + ".csv";
    }
}
