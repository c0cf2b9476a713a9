package io.huitong.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** What counts as "the database could not be reached" (503), and what stays a failure of the request or a bug. */
class DatabaseUnavailableTests {

    @Test
    void noConnectionFromThePoolInTime() {
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("request timed out after 10000ms")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("request timed out after 10000ms")))).isTrue();
    }

    @Test
    void aConnectionBrokenUnderARequestOrAServerShuttingDown() {
        // the server went away mid-statement (08006), the primary is stopping for a switch-over (57P01)
        assertThat(DatabaseUnavailable.causedBy(new DataAccessResourceFailureException("insert",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        // a commit whose connection broke: committed or not as a whole; a retry with the key tells which
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("JDBC commit failed",
                new SQLException("This connection has been closed.", "08003")))).isTrue();
        // a statement sent to a server that became a standby
        assertThat(DatabaseUnavailable.causedBy(new SQLException("cannot execute INSERT in a read-only transaction", "25006"))).isTrue();
    }

    @Test
    void aRollbackThatFailedOnTheBrokenConnectionHidingTheFailure() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("select",
                new SQLException("terminating connection due to unexpected postmaster exit", "57P02")));
        assertThat(DatabaseUnavailable.causedBy(rollback)).isTrue();

        // a commit that failed, then its rollback on the connection the pool had closed: the commit's failure is gone
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();

        TransactionSystemException bug = new TransactionSystemException("JDBC rollback failed", new SQLException("rollback refused"));
        bug.initApplicationException(new IllegalStateException("boom"));
        assertThat(DatabaseUnavailable.causedBy(bug)).isFalse();
    }

    @Test
    void failuresOfTheRequestOrBugsAreNot() {
        assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("boom"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("no state"))).isFalse();
    }

    @Test
    void theLogLineNamesTheInnermostCause() {
        assertThat(DatabaseUnavailable.describe(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("request timed out after 10000ms"))))
                .isEqualTo("SQLTransientConnectionException: request timed out after 10000ms");
    }
}
