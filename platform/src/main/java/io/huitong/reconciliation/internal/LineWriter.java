package io.huitong.reconciliation.internal;

import io.huitong.reconciliation.domain.StatementLine;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a statement's lines to {@code reconciliation_line} as they are read, on the caller's connection (inside its
 * transaction), never holding more than one batch: JDBC batches on H2, one streamed {@code COPY} on PostgreSQL, which
 * takes millions of lines without a statement per line.
 */
abstract sealed class LineWriter implements AutoCloseable {

    static final String COLUMNS = "reconciliation_id, line_no, reference, channel_reference, original_reference, kind, reversal, failed,"
            + " amount, currency, fee, occurred_at";

    static LineWriter open(Connection c, String reconciliationId, boolean postgres, int batchSize) throws SQLException {
        return postgres ? new Copy(c, reconciliationId) : new Batch(c, reconciliationId, batchSize);
    }

    abstract void write(StatementLine line) throws SQLException;

    /** Sends what is still buffered; the lines are written once this returns. */
    abstract void finish() throws SQLException;

    @Override
    public abstract void close() throws SQLException;

    static final class Batch extends LineWriter {

        private final PreparedStatement insert;
        private final String reconciliationId;
        private final int batchSize;
        private int pending;

        Batch(Connection c, String reconciliationId, int batchSize) throws SQLException {
            this.insert = c.prepareStatement("insert into reconciliation_line (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            this.reconciliationId = reconciliationId;
            this.batchSize = batchSize;
        }

        @Override
        void write(StatementLine l) throws SQLException {
            insert.setString(1, reconciliationId);
            insert.setLong(2, l.lineNo());
            insert.setString(3, l.reference());
            insert.setString(4, l.channelReference());
            insert.setString(5, l.originalReference());
            insert.setString(6, l.kind());
            insert.setBoolean(7, l.reversal());
            insert.setBoolean(8, l.failed());
            insert.setLong(9, l.amount());
            insert.setString(10, l.currency());
            insert.setLong(11, l.fee());
            if (l.occurredAt() == null) {
                insert.setNull(12, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                insert.setObject(12, l.occurredAt().atOffset(ZoneOffset.UTC));
            }
            insert.addBatch();
            if (++pending == batchSize) {
                finish();
            }
        }

        @Override
        void finish() throws SQLException {
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }

    /** COPY ... FROM STDIN in CSV: every text field quoted (so that an empty text is not NULL), NULL as nothing. */
    static final class Copy extends LineWriter {

        private static final int FLUSH_AT = 64 * 1024;

        private final CopyIn copy;
        private final String reconciliationId;
        private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 1024);

        Copy(Connection c, String reconciliationId) throws SQLException {
            this.copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy reconciliation_line (" + COLUMNS + ") from stdin with (format csv)");
            this.reconciliationId = reconciliationId;
        }

        @Override
        void write(StatementLine l) throws SQLException {
            text(reconciliationId).append(',').append(l.lineNo()).append(',');
            text(l.reference()).append(',');
            text(l.channelReference()).append(',');
            text(l.originalReference()).append(',');
            text(l.kind()).append(',').append(l.reversal()).append(',').append(l.failed()).append(',').append(l.amount()).append(',');
            text(l.currency()).append(',').append(l.fee()).append(',');
            if (l.occurredAt() != null) {
                buffer.append(l.occurredAt());
            }
            buffer.append('\n');
            if (buffer.length() >= FLUSH_AT) {
                flush();
            }
        }

        private StringBuilder text(String value) {
            if (value == null) {
                return buffer;
            }
            buffer.append('"');
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch == '"') {
                    buffer.append('"');
                }
                buffer.append(ch);
            }
            return buffer.append('"');
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        void finish() throws SQLException {
            flush();
            copy.endCopy();
        }

        @Override
        public void close() throws SQLException {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
