package io.huitong.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;

/**
 * How one party's book becomes its daily statement: the lines of a business date, what each fault does to a
 * line, and how the party writes the statement.
 *
 * @param <L> one line of the party's statement
 */
interface StatementBook<L> {

    /** The lines the party booked on a business date (Asia/Shanghai), of {@code account} only when not null. */
    List<L> lines(LocalDate date, String account);

    /** Our reference on the line: what faults name. */
    String reference(L line);

    /** The line with its amount changed by {@code delta}; an {@link IllegalArgumentException} when that leaves nothing. */
    L amount(L line, long delta);

    /** The line as the party reports a failed (or reversed) transaction. */
    L failed(L line);

    /** The line as it appears a day late, on the statement of {@code date}. */
    default L delayed(L line, LocalDate date) {
        return line;
    }

    /** A made-up line the platform never sent: the {@code index}th of the day. */
    L unknown(LocalDate date, int index, String account);

    /** Writes the statement of {@code date} with these lines (faults already applied). */
    void write(LocalDate date, List<L> lines, StatementFaults faults, OutputStream out) throws IOException;

    /** {@code text/csv; charset=utf-8}, {@code application/xml; charset=utf-8}. */
    String contentType();

    /** The name the party gives the file, for {@code Content-Disposition}. */
    String fileName(LocalDate date);
}
