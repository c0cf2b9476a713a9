package io.huitong.settlement.calendar;

import io.huitong.kernel.DbTimes;
import io.huitong.settlement.CalendarYear;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The business calendar's tables (V22): a row per year that is set, and its holidays and make-up working days. */
final class CalendarStore {

    static final String HOLIDAY = "holiday";
    static final String WORKING_DAY = "working_day";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    CalendarStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    boolean isSet(int year) {
        return jdbc.sql("select count(*) from calendar_year where year_number = ?").param(year).query(Long.class).single() > 0;
    }

    /** The year's days, if the year is set. */
    Optional<CalendarYear> year(int year) {
        if (!isSet(year)) {
            return Optional.empty();
        }
        Set<LocalDate> holidays = new TreeSet<>();
        Set<LocalDate> workingDays = new TreeSet<>();
        jdbc.sql("select on_date, kind from calendar_day where year_number = ?").param(year)
                .query(rs -> {
                    (HOLIDAY.equals(rs.getString(2)) ? holidays : workingDays).add(rs.getObject(1, LocalDate.class));
                });
        return Optional.of(CalendarYear.of(year, holidays, workingDays));
    }

    /** Every year that is set, with its days. */
    List<CalendarYear> all() {
        Map<Integer, Set<LocalDate>> holidays = new HashMap<>();
        Map<Integer, Set<LocalDate>> workingDays = new HashMap<>();
        for (Integer year : jdbc.sql("select year_number from calendar_year").query(Integer.class).list()) {
            holidays.put(year, new TreeSet<>());
            workingDays.put(year, new TreeSet<>());
        }
        jdbc.sql("select year_number, on_date, kind from calendar_day").query(rs -> {
            int year = rs.getInt(1);
            Map<Integer, Set<LocalDate>> target = HOLIDAY.equals(rs.getString(3)) ? holidays : workingDays;
            target.computeIfAbsent(year, y -> new TreeSet<>()).add(rs.getObject(2, LocalDate.class));
        });
        List<CalendarYear> years = new ArrayList<>();
        for (Integer year : holidays.keySet()) {
            years.add(CalendarYear.of(year, holidays.get(year), workingDays.getOrDefault(year, Set.of())));
        }
        return years;
    }

    /**
     * Replaces the year's days, in the caller's transaction. The year's row is updated first, so that it is locked
     * and a concurrent replace of the same year waits for this one; a year set for the first time by two callers at
     * once fails one of them on the primary key, to be tried again.
     */
    void replace(CalendarYear days, String source, String by, Instant at) {
        int year = days.year();
        int updated = jdbc.sql("update calendar_year set source = ?, updated_by = ?, updated_at = ? where year_number = ?")
                .params(source, by, DbTimes.at(at), year).update();
        if (updated == 0) {
            jdbc.sql("insert into calendar_year (year_number, source, updated_by, updated_at) values (?, ?, ?, ?)")
                    .params(year, source, by, DbTimes.at(at)).update();
        }
        jdbc.sql("delete from calendar_day where year_number = ?").param(year).update();
        insertDays(year, days.holidays(), HOLIDAY);
        insertDays(year, days.workingDays(), WORKING_DAY);
    }

    private void insertDays(int year, Set<LocalDate> dates, String kind) {
        if (dates.isEmpty()) {
            return;
        }
        List<LocalDate> list = List.copyOf(dates);
        batch.batchUpdate("insert into calendar_day (on_date, year_number, kind) values (?, ?, ?)", list, list.size(),
                (PreparedStatement ps, LocalDate date) -> {
                    ps.setObject(1, date);
                    ps.setInt(2, year);
                    ps.setString(3, kind);
                });
    }
}
