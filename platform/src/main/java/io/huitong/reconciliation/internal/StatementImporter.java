package io.huitong.reconciliation.internal;

import io.huitong.reconciliation.domain.ContentDigest;
import io.huitong.reconciliation.domain.StatementExpectation;
import io.huitong.reconciliation.domain.StatementFacts;
import io.huitong.reconciliation.domain.StatementLine;
import io.huitong.reconciliation.domain.StatementStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Streams a statement into {@code reconciliation_line} in the caller's transaction: each line checked as it is read
 * (format, channel, date) and written in batches, so that a file of any size passes through in constant memory. The
 * first refusal ({@link io.huitong.protocols.statements.StatementFormatException},
 * {@link io.huitong.reconciliation.domain.StatementMismatch}) ends the import; the caller's rollback leaves nothing.
 */
final class StatementImporter {

    private final DataSource dataSource;
    private final int batchSize;
    private volatile Boolean postgres;

    StatementImporter(DataSource dataSource, int batchSize) {
        this.dataSource = dataSource;
        this.batchSize = batchSize;
    }

    /** What was read: the number of lines, the content's hash and what the statement says about itself. */
    record Imported(long lines, String contentHash, StatementFacts facts) {
    }

    Imported read(String reconciliationId, StatementExpectation expected, InputStream in) {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (StatementStream statement = expected.format().open(in);
             LineWriter lines = LineWriter.open(c, reconciliationId, postgres(c), batchSize)) {
            expected.checkHeader(statement.facts());
            ContentDigest digest = new ContentDigest();
            long count = 0;
            for (StatementLine line; (line = statement.next()) != null; ) {
                expected.checkLine(line);
                digest.add(line);
                lines.write(line);
                count++;
            }
            StatementFacts facts = statement.facts();
            expected.checkEnd(facts);
            digest.add(facts);
            lines.finish();
            return new Imported(count, digest.hex(), facts);
        } catch (SQLException e) {
            throw new SQLStateSQLExceptionTranslator().translate("importing a statement", null, e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    boolean postgres() {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            return postgres(c);
        } catch (SQLException e) {
            throw new SQLStateSQLExceptionTranslator().translate("reading the database's name", null, e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private boolean postgres(Connection c) throws SQLException {
        Boolean pg = postgres;
        if (pg == null) {
            pg = io.huitong.kernel.SqlDialect.of(c).postgres();
            postgres = pg;
        }
        return pg;
    }
}
