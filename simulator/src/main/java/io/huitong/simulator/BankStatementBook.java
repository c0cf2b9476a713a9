package io.huitong.simulator;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Statement;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The simulated bank's camt.053 of our settlement account: one entry per settled booking of the day in the
 * statement's currency (pay-ins credited, payouts, withdrawals and returns debited). The opening balance is what
 * the bank booked before the day (a delayed booking counts on the day it moved to); the closing balance is the
 * opening plus the entries served, so that a statement with faults planted in it still adds up.
 */
final class BankStatementBook implements StatementBook<Statement.Entry> {

    private final Iso20022Codec codec;
    private final Supplier<List<BankParty.Entry>> book;
    private final BankAccount account;
    private final String currency;

    BankStatementBook(Iso20022Codec codec, Supplier<List<BankParty.Entry>> book, BankAccount account, String currency) {
        this.codec = codec;
        this.book = book;
        this.account = account;
        this.currency = currency;
    }

    private boolean booked(BankParty.Entry e) {
        return e.state().equals(BankParty.SETTLED) && e.bookedOn() != null && e.currency().equals(currency);
    }

    private static long signed(BankParty.Entry e) {
        return e.kind().equals(BankParty.TRANSFER) ? e.amount() : -e.amount();
    }

    @Override
    public List<Statement.Entry> lines(LocalDate date, String ignored) {
        List<Statement.Entry> lines = new ArrayList<>();
        for (BankParty.Entry e : book.get()) {
            if (booked(e) && e.bookedOn().equals(date)) {
                lines.add(new Statement.Entry(e.reference(), e.amount(), e.currency(), e.kind().equals(BankParty.TRANSFER), date, e.kind()));
            }
        }
        return lines;
    }

    @Override
    public String reference(Statement.Entry line) {
        return line.reference();
    }

    @Override
    public Statement.Entry amount(Statement.Entry line, long delta) {
        long amount = line.amount() + delta;
        if (amount <= 0) {
            throw new IllegalArgumentException("the amount fault on " + line.reference() + " leaves " + amount + ", and an amount must be positive");
        }
        return new Statement.Entry(line.reference(), amount, line.currency(), line.credit(), line.bookingDate(), line.kind(), line.reversal());
    }

    /** The bank reverses the booking: the same amount the other way, marked as a reversal. */
    @Override
    public Statement.Entry failed(Statement.Entry line) {
        return new Statement.Entry(line.reference(), line.amount(), line.currency(), !line.credit(), line.bookingDate(), line.kind(), true);
    }

    @Override
    public Statement.Entry delayed(Statement.Entry line, LocalDate date) {
        return new Statement.Entry(line.reference(), line.amount(), line.currency(), line.credit(), date, line.kind(), line.reversal());
    }

    @Override
    public Statement.Entry unknown(LocalDate date, int index, String ignored) {
        return new Statement.Entry(StatementFaults.unknownReference("pay", date, index), 10_000 + 100L * index, currency, true, date,
                BankParty.TRANSFER);
    }

    @Override
    public void write(LocalDate date, List<Statement.Entry> lines, StatementFaults faults, OutputStream out) throws IOException {
        long opening = 0;
        for (BankParty.Entry e : book.get()) {
            if (booked(e)) {
                LocalDate on = faults.delay().contains(e.reference()) ? e.bookedOn().plusDays(1) : e.bookedOn();
                if (on.isBefore(date)) {
                    opening += signed(e);
                }
            }
        }
        long closing = opening;
        for (Statement.Entry line : lines) {
            closing += line.signedAmount();
        }
        String id = "BANK" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(java.util.Locale.ROOT);
        String xml = codec.write(new Statement(id, "STMT-" + date, account, currency, date, opening, closing, lines));
        try (out) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String contentType() {
        return "application/xml; charset=utf-8";
    }

    @Override
    public String fileName(LocalDate date) {
        return "camt053-" + date + ".xml";
    }
}
