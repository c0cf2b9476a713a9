package io.huitong.simulator;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Statement;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The simulated bank's camt.053 of our settlement account: one entry per settled booking of the day in the
 * statement's currency (pay-ins and payouts sent back to us ({@link BankReturns}) credited, payouts, withdrawals and returns
 * of pay-ins debited), except that the payouts of a batch
 * booked as one ({@link BankEntry#batch()}) settled on the day are one entry: named by the batch's payment information
 * id, their sum its amount, each payout listed in its details. Faults name such an entry by the batch's id. The opening
 * balance is what the bank booked before the day (a delayed booking counts on the day it moved to); the closing balance
 * is the opening plus the entries served, so that a statement with faults planted in it still adds up.
 */
final class BankStatementBook implements StatementBook<Statement.Entry> {

    private final Iso20022Codec codec;
    private final Supplier<List<BankEntry>> book;
    private final BankAccount account;
    private final String currency;

    BankStatementBook(Iso20022Codec codec, Supplier<List<BankEntry>> book, BankAccount account, String currency) {
        this.codec = codec;
        this.book = book;
        this.account = account;
        this.currency = currency;
    }

    private boolean booked(BankEntry e) {
        return e.state().equals(BankParty.SETTLED) && e.bookedOn() != null && e.currency().equals(currency);
    }

    private static boolean credit(BankEntry e) {
        return e.kind().equals(BankParty.TRANSFER) || e.kind().equals(BankParty.PAYOUT_RETURN);
    }

    private static long signed(BankEntry e) {
        return credit(e) ? e.amount() : -e.amount();
    }

    /** What names the booking on the statement (and in faults): its batch's id when booked as part of one, else its own reference. */
    private static String entryReference(BankEntry e) {
        return e.batch() != null ? e.batch() : e.reference();
    }

    @Override
    public List<Statement.Entry> lines(LocalDate date, String ignored) {
        List<Statement.Entry> lines = new ArrayList<>();
        Map<String, List<BankEntry>> batches = new LinkedHashMap<>();
        Map<String, Integer> at = new LinkedHashMap<>();
        for (BankEntry e : book.get()) {
            if (!booked(e) || !e.bookedOn().equals(date)) {
                continue;
            }
            if (e.batch() == null) {
                lines.add(new Statement.Entry(e.reference(), e.amount(), e.currency(), credit(e), date, e.kind()));
            } else {
                if (!batches.containsKey(e.batch())) {
                    at.put(e.batch(), lines.size());
                    lines.add(null); // the batch's place: where its first payout was booked
                }
                batches.computeIfAbsent(e.batch(), b -> new ArrayList<>()).add(e);
            }
        }
        batches.forEach((batch, payouts) -> lines.set(at.get(batch), batchEntry(batch, payouts, date)));
        return lines;
    }

    private Statement.Entry batchEntry(String batch, List<BankEntry> payouts, LocalDate date) {
        long sum = 0;
        List<Statement.Transaction> details = new ArrayList<>(payouts.size());
        for (BankEntry p : payouts) {
            sum = Math.addExact(sum, p.amount());
            details.add(new Statement.Transaction(p.reference(), p.amount()));
        }
        return new Statement.Entry(batch, sum, currency, false, date, BankParty.PAYOUT, false,
                new Statement.Batch(batch, batch, payouts.size(), details));
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
        return new Statement.Entry(line.reference(), amount, line.currency(), line.credit(), line.bookingDate(), line.kind(), line.reversal(),
                line.batch());
    }

    /** The bank reverses the booking: the same amount the other way, marked as a reversal. */
    @Override
    public Statement.Entry failed(Statement.Entry line) {
        return new Statement.Entry(line.reference(), line.amount(), line.currency(), !line.credit(), line.bookingDate(), line.kind(), true,
                line.batch());
    }

    @Override
    public Statement.Entry delayed(Statement.Entry line, LocalDate date) {
        return new Statement.Entry(line.reference(), line.amount(), line.currency(), line.credit(), date, line.kind(), line.reversal(),
                line.batch());
    }

    @Override
    public Statement.Entry unknown(LocalDate date, int index, String ignored) {
        return new Statement.Entry(StatementFaults.unknownReference("pay", date, index), 10_000 + 100L * index, currency, true, date,
                BankParty.TRANSFER);
    }

    @Override
    public void write(LocalDate date, List<Statement.Entry> lines, StatementFaults faults, OutputStream out) throws IOException {
        long opening = 0;
        for (BankEntry e : book.get()) {
            if (booked(e)) {
                LocalDate on = faults.delay().contains(entryReference(e)) ? e.bookedOn().plusDays(1) : e.bookedOn();
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
