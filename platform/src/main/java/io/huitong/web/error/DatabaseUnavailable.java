package io.huitong.web.error;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a request failed because the database could not be reached, not because of what it asked: no connection
 * within the pool's timeout, a connection broken under it (the primary stopped or crashed, a switch-over to its
 * standby), a server shutting down or not yet taking writes. Such a request answers 503 {@code service_unavailable}:
 * its transaction either committed or did not, as a whole, and a retry with the same {@code Idempotency-Key} gets
 * the first request's outcome, never a second payment.
 */
final class DatabaseUnavailable {

    /**
     * SQLSTATEs of an unreachable or unusable server: connection exceptions (class 08), the server shutting down or
     * starting (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now), too many connections (53300),
     * and a transaction sent to a server that became read-only (25006: a former primary, now a standby).
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "25006");

    private static final String HIKARI_CLOSED = "Connection is closed";

    private DatabaseUnavailable() {
    }

    static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState()))) {
                return true;
            }
            // the pool's own answer on a connection it closed as broken (HikariCP: no SQLSTATE), as a rollback after a
            // failed statement or a failed commit meets it: the failure it hides broke the connection
            if (t instanceof SQLException sql && sql.getSQLState() == null && HIKARI_CLOSED.equals(sql.getMessage())) {
                return true;
            }
            // a rollback that failed otherwise keeps the failure as the application exception
            if (t instanceof TransactionSystemException system && system.getApplicationException() != null
                    && system.getApplicationException() != failure && causedBy(system.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's class and message, for one log line without the stack: the outage is not a bug. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** A switch-over to the standby takes seconds: the caller may try again after one. */
    static HttpHeaders retryAfter() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return headers;
    }
}
