package io.huitong.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A party's daily statement with the faults planted in it: what {@code GET /control/statements/{channel}} and the
 * party's own statement endpoint serve. The lines are gathered and the faults applied before anything is
 * written, so that a fault that cannot be applied answers an error rather than half a file.
 */
final class ChannelStatement<L> {

    /** Where the parties keep their business days. */
    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    /** The business date an instant falls on: the statement it belongs to. */
    static LocalDate businessDate(Instant at) {
        return LocalDate.ofInstant(at, BUSINESS_ZONE);
    }

    private final StatementBook<L> book;
    private volatile StatementFaults faults = StatementFaults.NONE;

    ChannelStatement(StatementBook<L> book) {
        this.book = book;
    }

    StatementFaults faults() {
        return faults;
    }

    void faults(StatementFaults next) {
        faults = next;
    }

    String contentType() {
        return book.contentType();
    }

    String fileName(LocalDate date) {
        return book.fileName(date);
    }

    /** A statement ready to write: its lines, and the faults they were gathered with. */
    record Prepared<L>(LocalDate date, List<L> lines, StatementFaults faults) {
    }

    /** The statement of a date (of one account when not null), faults applied. */
    Prepared<L> prepare(LocalDate date, String account) {
        StatementFaults f = faults;
        List<L> moved = new ArrayList<>();
        for (L line : book.lines(date, account)) {
            if (!f.delay().contains(book.reference(line))) {
                moved.add(line);
            }
        }
        if (!f.delay().isEmpty()) {
            for (L line : book.lines(date.minusDays(1), account)) {
                if (f.delay().contains(book.reference(line))) {
                    moved.add(book.delayed(line, date));
                }
            }
        }
        List<L> lines = new ArrayList<>(moved.size() + f.unknown());
        for (L line : moved) {
            String reference = book.reference(line);
            if (f.drop().contains(reference)) {
                continue;
            }
            Long delta = f.amount().get(reference);
            if (delta != null) {
                line = book.amount(line, delta);
            }
            if (f.status().contains(reference)) {
                line = book.failed(line);
            }
            lines.add(line);
            if (f.duplicate().contains(reference)) {
                lines.add(line);
            }
        }
        for (int i = 0; i < f.unknown(); i++) {
            lines.add(book.unknown(date, i, account));
        }
        return new Prepared<>(date, lines, f);
    }

    void write(Prepared<L> statement, OutputStream out) throws IOException {
        book.write(statement.date(), statement.lines(), statement.faults(), out);
    }

    /** The whole statement in memory, for the parties that sign or store what they send. */
    byte[] bytes(LocalDate date, String account) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(prepare(date, account), out);
        return out.toByteArray();
    }
}
