package io.huitong.kernel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants as the database keeps them: microseconds, UTC, written and read as {@link OffsetDateTime}. */
public final class DbTimes {

    private DbTimes() {
    }

    /** The clock's instant at the database's precision, so a value read back equals the one written. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The parameter for a timestamp column; null stays null. */
    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Microseconds since the epoch: what the databases keep of an instant. */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /** A timestamp column of the current row; null stays null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        return instant(rs.getObject(column, OffsetDateTime.class));
    }
}
