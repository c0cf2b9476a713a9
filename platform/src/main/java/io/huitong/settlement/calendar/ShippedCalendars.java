package io.huitong.settlement.calendar;

import io.huitong.settlement.CalendarYear;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mainland calendar shipped with the platform ({@value #RESOURCE}): on start, after the migrations, each year in it
 * that the database has no row for is stored. A year already there, shipped before or set by an operator, is left as
 * it is, so an operator's correction survives restarts and upgrades.
 */
final class ShippedCalendars implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ShippedCalendars.class);

    static final String RESOURCE = "/settlement/calendar-cn.json";
    /** Who set a shipped year, as the calendar's rows record it. */
    static final String SHIPPED_BY = "huitong";

    private final CalendarService calendars;

    ShippedCalendars(CalendarService calendars) {
        this.calendars = calendars;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (CalendarYear year : read()) {
            if (calendars.setIfAbsent(year, "shipped", SHIPPED_BY)) {
                log.info("Business calendar: stored the shipped holidays and make-up working days of {}", year.year());
            }
        }
    }

    /** The years of the shipped file; a file that can't be read as expected stops the start, as a bad build should. */
    static List<CalendarYear> read() {
        try (InputStream in = ShippedCalendars.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<CalendarYear> years = new ArrayList<>();
            for (JsonNode y : root.path("years")) {
                years.add(year(y));
            }
            if (years.isEmpty()) {
                throw new IllegalStateException(RESOURCE + " lists no years");
            }
            return years;
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " could not be read", e);
        }
    }

    /** {@code holidays}: ranges {@code {from, to}} (both included); {@code working_days}: {@code {date}}. */
    private static CalendarYear year(JsonNode y) {
        int year = y.path("year").asInt();
        Set<LocalDate> holidays = new TreeSet<>();
        for (JsonNode range : y.path("holidays")) {
            LocalDate from = date(range, "from");
            LocalDate to = date(range, "to");
            if (to.isBefore(from) || from.plusDays(31).isBefore(to)) {
                throw new IllegalStateException(RESOURCE + ": a holiday from " + from + " to " + to + " in " + year);
            }
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                holidays.add(d);
            }
        }
        Set<LocalDate> workingDays = new TreeSet<>();
        for (JsonNode day : y.path("working_days")) {
            workingDays.add(date(day, "date"));
        }
        return CalendarYear.of(year, holidays, workingDays);
    }

    private static LocalDate date(JsonNode node, String field) {
        try {
            return LocalDate.parse(node.path(field).asString());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(RESOURCE + ": " + field + " is not a date: " + node, e);
        }
    }
}
