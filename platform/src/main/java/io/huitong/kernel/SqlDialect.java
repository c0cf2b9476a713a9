package io.huitong.kernel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between the databases the platform runs on: PostgreSQL in production, H2 for development and tests. A
 * store asks once, on its first connection, and keeps the answer.
 */
public enum SqlDialect {

    POSTGRES(" for no key update"),
    OTHER(" for update");

    private final String keyKeepingLock;

    SqlDialect(String keyKeepingLock) {
        this.keyKeepingLock = keyKeepingLock;
    }

    /** The database behind the connection. */
    public static SqlDialect of(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRES : OTHER;
    }

    public boolean postgres() {
        return this == POSTGRES;
    }

    /**
     * The lock a transaction takes on a row it will change but whose key it keeps, appended to a {@code select}. On
     * PostgreSQL it is {@code for no key update}, which leaves other transactions' foreign-key checks against the row
     * (inserting a row that references it) unblocked; a plain {@code for update} would make them wait for the commit.
     */
    public String keyKeepingLock() {
        return keyKeepingLock;
    }
}
