package io.huitong.config;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Says in one sentence why the database can't be used, and which setting to check. */
public final class DatabaseProblems {

    private static final int H2_DATABASE_IN_USE = 90020;

    private DatabaseProblems() {
    }

    /** Failures of connecting, as opposed to failures of a statement (a broken migration, say). */
    public static boolean isConnectionProblem(SQLException e) {
        String state = state(e);
        return state.startsWith("08") || state.startsWith("28") || "3D000".equals(state)
                || e.getErrorCode() == H2_DATABASE_IN_USE || network(root(e));
    }

    public static String explain(SQLException e, DatabaseTarget target, String password) {
        String where = "Huitong cannot start: the database at " + target.display();
        String state = state(e);
        Throwable root = root(e);
        String sentence;
        if (state.startsWith("28")) {
            sentence = where + " rejected the user name or password. Check HUITONG_DB_USER and HUITONG_DB_PASSWORD.";
        } else if ("3D000".equals(state)) {
            sentence = where + " does not exist. Create it, or check HUITONG_DB_URL.";
        } else if (e.getErrorCode() == H2_DATABASE_IN_USE) {
            sentence = where + " is in use by another process. Stop the other Huitong, or set HUITONG_DATA_DIR to another directory.";
        } else if (state.startsWith("08") || network(root)) {
            sentence = where + " is unreachable (" + reason(root) + "). Check HUITONG_DB_URL.";
        } else {
            sentence = where + " cannot be opened (" + firstLine(e.getMessage()) + "). Check HUITONG_DB_URL.";
        }
        return password == null || password.isEmpty() ? sentence : sentence.replace(password, "****");
    }

    private static String reason(Throwable root) {
        return switch (root) {
            case ConnectException c -> c.getMessage() == null ? "connection refused" : firstLine(c.getMessage());
            case UnknownHostException u -> "unknown host " + u.getMessage();
            case SocketTimeoutException t -> "timed out";
            case NoRouteToHostException n -> "no route to host";
            default -> firstLine(root.getMessage());
        };
    }

    private static boolean network(Throwable root) {
        return root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof SocketTimeoutException || root instanceof NoRouteToHostException;
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return (newline >= 0 ? message.substring(0, newline) : message).strip();
    }
}
