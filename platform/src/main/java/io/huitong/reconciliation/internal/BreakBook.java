package io.huitong.reconciliation.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.reconciliation.ReconciliationBreak;
import io.huitong.reconciliation.domain.BusinessDays;
import io.huitong.settlement.CalendarYear;
import io.huitong.settlement.Calendars;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The items matching made, as operators see and resolve them: breaks by reconciliation and class, how old a timing
 * break may get (in business days of the platform's calendar, {@code huitong.reconciliation.grace}), and the
 * resolutions written to them.
 */
final class BreakBook {

    private static final String COLUMNS = "i.id, i.reconciliation_id, c.channel, i.class, i.matched_by, i.reference, i.channel_reference,"
            + " i.our_amount, i.channel_amount, i.currency, i.lines, i.first_line, i.origin_date, i.status, i.resolution, i.resolved_by, i.note,"
            + " i.correction, i.approval_id, i.resolved_at, i.created_at";
    private static final String FROM = " from reconciliation_item i join reconciliation c on c.id = i.reconciliation_id";
    private static final int MAX_NOTE = 500;

    private final JdbcClient jdbc;
    private final Calendars calendars;
    private final int grace;
    private final Clock clock;

    BreakBook(JdbcClient jdbc, Calendars calendars, int grace, Clock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.grace = grace;
        this.clock = clock;
    }

    /**
     * The earliest business date a timing break may have arisen on and still be waiting on {@code today}. The calendar
     * is read through its years (holidays, make-up working days), the settlement module's public view of it.
     */
    LocalDate graceCutoff(LocalDate today) {
        Map<Integer, CalendarYear> years = new HashMap<>();
        return new BusinessDays(day -> {
            CalendarYear year = years.computeIfAbsent(day.getYear(), calendars::year);
            if (year.workingDays().contains(day)) {
                return true;
            }
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            return !weekend && !year.holidays().contains(day);
        }).graceCutoff(today, grace);
    }

    /** Timing breaks past the grace period become missing in the channel; only those of current reconciliations. */
    int age(Instant now) {
        LocalDate cutoff = graceCutoff(LocalDate.ofInstant(now, Matcher.BUSINESS_ZONE));
        return jdbc.sql("update reconciliation_item set class = 'missing_in_channel', updated_at = ? where status = 'open' and class = 'timing'"
                        + " and origin_date < ? and reconciliation_id in (select id from reconciliation where current_key is not null)")
                .params(DbTimes.at(now), Date.valueOf(cutoff)).update();
    }

    /** Open breaks of current reconciliations: all of them, and those that arose before the grace period's cutoff. */
    OpenBreaks open(Instant now) {
        LocalDate cutoff = graceCutoff(LocalDate.ofInstant(now, Matcher.BUSINESS_ZONE));
        return jdbc.sql("select count(*), coalesce(sum(case when origin_date < ? then 1 else 0 end), 0) from reconciliation_item"
                        + " where status = 'open' and reconciliation_id in (select id from reconciliation where current_key is not null)")
                .param(Date.valueOf(cutoff)).query((rs, n) -> new OpenBreaks(rs.getLong(1), rs.getLong(2))).single();
    }

    /** How many breaks are open, and how many of those are older than the grace period. */
    record OpenBreaks(long open, long pastGrace) {
    }

    Optional<ReconciliationBreak> find(String id) {
        return jdbc.sql("select " + COLUMNS + FROM + " where i.id = ? and i.class <> 'matched'").param(id).query(this::view).optional();
    }

    /** The break locked for the rest of the transaction. */
    Optional<ReconciliationBreak> lock(String id) {
        return jdbc.sql("select id from reconciliation_item where id = ? and class <> 'matched' for update").param(id).query(String.class)
                .optional().flatMap(this::find);
    }

    /** A reconciliation's items of one class (every break when {@code breakClass} is null), newest first. */
    Page<ReconciliationBreak> list(String reconciliationId, String breakClass, PageRequest page) {
        List<Object> params = new ArrayList<>();
        params.add(reconciliationId);
        String where = "i.reconciliation_id = ?";
        if (breakClass == null) {
            where += " and i.class <> 'matched'";
        } else {
            where += " and i.class = ?";
            params.add(breakClass);
        }
        PageRequest.Query q = page.byId("select " + COLUMNS + FROM, where, params, "i.id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params()).query(this::view).list(), page);
    }

    /** Every item of a reconciliation, breaks first (by class), streamed from a cursor. */
    void each(String reconciliationId, java.util.function.Consumer<ReconciliationBreak> item) {
        jdbc.sql("select " + COLUMNS + FROM + " where i.reconciliation_id = ? order by case when i.class = 'matched' then 1 else 0 end, i.class,"
                        + " i.first_line, i.id").param(reconciliationId).withFetchSize(1000)
                .query(rs -> {
                    item.accept(view(rs, 0));
                });
    }

    void resolve(String id, String resolution, String operatorId, String note, String correction, Instant now) {
        jdbc.sql("update reconciliation_item set status = 'resolved', resolution = ?, resolved_by = ?, note = ?, correction = ?, resolved_at = ?,"
                        + " updated_at = ? where id = ? and status = 'open'")
                .params(resolution, operatorId, note, correction, DbTimes.at(now), DbTimes.at(now), id).update();
    }

    /** A write-off waiting for approval keeps the request's note; the break stays open until it is decided. */
    void awaitApproval(String id, String approvalId, String note, Instant now) {
        jdbc.sql("update reconciliation_item set approval_id = ?, note = ?, updated_at = ? where id = ? and status = 'open'")
                .params(approvalId, note, DbTimes.at(now), id).update();
    }

    /** A decided approval no longer holds the breaks it was asked for (the one asked about, and the same break of a later statement). */
    void dropApproval(String approvalId, Instant now) {
        jdbc.sql("update reconciliation_item set approval_id = null, updated_at = ? where approval_id = ? and status = 'open'")
                .params(DbTimes.at(now), approvalId).update();
    }

    /** The open break of a current reconciliation that waits for this approval, locked: the one asked about, or its successor. */
    Optional<ReconciliationBreak> lockAwaiting(String approvalId) {
        return jdbc.sql("select i.id from reconciliation_item i join reconciliation c on c.id = i.reconciliation_id where i.approval_id = ?"
                        + " and i.status = 'open' and c.current_key is not null order by i.id desc for update")
                .param(approvalId).query(String.class).list().stream().findFirst().flatMap(this::find);
    }

    /**
     * Operators' resolutions of the superseded reconciliation carry over to the same breaks of the new one (same class,
     * reference and amounts): a correction already posted must not be asked for again, and a write-off waiting for
     * approval goes on waiting, for the new break.
     */
    void carryOver(String supersededId, String reconciliationId, Instant now) {
        List<ReconciliationBreak> resolved = jdbc.sql("select " + COLUMNS + FROM + " where i.reconciliation_id = ? and (i.status = 'resolved'"
                + " and i.resolution in ('adjust', 'write_off', 'accept') or i.status = 'open' and i.approval_id is not null)")
                .param(supersededId).query(this::view).list();
        for (ReconciliationBreak old : resolved) {
            List<ReconciliationBreak> same = jdbc.sql("select " + COLUMNS + FROM + " where i.reconciliation_id = ? and i.status = 'open'"
                    + " and i.class = ? and i.reference = ?").params(reconciliationId, old.breakClass(), old.reference()).query(this::view).list();
            for (ReconciliationBreak b : same) {
                if (Objects.equals(b.ourAmount(), old.ourAmount()) && Objects.equals(b.channelAmount(), old.channelAmount())
                        && Objects.equals(b.currency(), old.currency())) {
                    String note = (old.note() == null ? "" : old.note() + " ") + "(carried over from " + old.id() + ")";
                    note = note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE) : note;
                    if (old.approval() != null) {
                        awaitApproval(b.id(), old.approval(), note, now);
                    } else {
                        resolve(b.id(), old.resolution(), old.resolvedBy(), note, old.correction(), now);
                    }
                    break;
                }
            }
        }
    }

    private ReconciliationBreak view(ResultSet rs, int n) throws SQLException {
        LocalDate origin = rs.getDate(13).toLocalDate();
        long age = Math.max(0, ChronoUnit.DAYS.between(origin, LocalDate.ofInstant(clock.instant(), Matcher.BUSINESS_ZONE)));
        return new ReconciliationBreak(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), nullableLong(rs, 8), nullableLong(rs, 9), rs.getString(10), rs.getLong(11), nullableLong(rs, 12), origin, age,
                rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                DbTimes.instant(rs, 20), DbTimes.instant(rs, 21));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
