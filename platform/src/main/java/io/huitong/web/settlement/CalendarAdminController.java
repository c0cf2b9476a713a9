package io.huitong.web.settlement;

import io.huitong.web.audit.RecordedChanges;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.settlement.CalendarYear;
import io.huitong.settlement.Calendars;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The business-day calendar for operators (docs/api.md, "Settlement and payouts"): a year's holidays and make-up working days. */
@RestController
@RequestMapping("/v1/admin/calendar")
@Tag(name = "Settlement (operator)")
class CalendarAdminController {

    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** More entries than a year has days can't be a valid set, whatever they hold: refused before reading them. */
    private static final int MAX_ENTRIES = 366;

    private final Calendars calendars;

    CalendarAdminController(Calendars calendars) {
        this.calendars = calendars;
    }

    record CalendarView(
            @Schema(example = "calendar") String object,
            int year,
            @ArraySchema(schema = @Schema(type = "string", format = "date", example = "2026-10-01")) List<String> holidays,
            @ArraySchema(schema = @Schema(type = "string", format = "date", example = "2026-09-20")) List<String> workingDays,
            @Schema(description = "How many business days the year has") int businessDays) {

        static CalendarView of(CalendarYear y) {
            return new CalendarView("calendar", y.year(), dates(y.holidays()), dates(y.workingDays()), y.businessDays());
        }

        private static List<String> dates(Set<LocalDate> dates) {
            return dates.stream().map(LocalDate::toString).toList();
        }
    }

    record CalendarDays(
            @ArraySchema(arraySchema = @Schema(description = "Public holidays (days off) of the year, YYYY-MM-DD", requiredMode = Schema.RequiredMode.REQUIRED),
                    schema = @Schema(type = "string", format = "date"), maxItems = 366, uniqueItems = true) List<String> holidays,
            @ArraySchema(arraySchema = @Schema(description = "Make-up working days (调休): Saturdays or Sundays of the year that are worked",
                    requiredMode = Schema.RequiredMode.REQUIRED),
                    schema = @Schema(type = "string", format = "date"), maxItems = 366, uniqueItems = true) List<String> workingDays) {
    }

    @GetMapping("/{year}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR, OperatorRole.SUPPORT})
    @Operation(summary = "A year of the business calendar (Asia/Shanghai): its holidays and make-up working days",
            description = "A year nobody set answers empty lists and counts weekends only.")
    CalendarView get(@PathVariable("year") String year) {
        return CalendarView.of(calendars.year(year(year)));
    }

    @PutMapping("/{year}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
    @Operation(summary = "Replace a year's holidays and make-up working days",
            description = "Both lists are required (empty for none) and replace what the year had. Every date must be in the "
                    + "year, at most once, and not in both lists; a make-up working day must be a Saturday or Sunday.")
    CalendarView replace(ApiPrincipal caller, @PathVariable("year") String year, @RequestBody CalendarDays body) {
        int y = year(year);
        Set<LocalDate> holidays = dates(body.holidays(), "holidays");
        Set<LocalDate> workingDays = dates(body.workingDays(), "working_days");
        return RecordedChanges.change(() -> CalendarView.of(calendars.year(y)),
                () -> CalendarView.of(calendars.replace(y, CalendarYear.of(y, holidays, workingDays), caller.id())));
    }

    private static int year(String text) {
        if (text == null || !YEAR.matcher(text).matches()) {
            throw ApiException.invalid("year", "year must be a year between 2000 and 2100, such as 2026.");
        }
        return Integer.parseInt(text);
    }

    private static Set<LocalDate> dates(List<String> texts, String param) {
        if (texts == null) {
            throw ApiException.missing(param);
        }
        if (texts.size() > MAX_ENTRIES) {
            throw ApiException.invalid(param, param + " may list at most " + MAX_ENTRIES + " dates.");
        }
        Set<LocalDate> dates = new TreeSet<>();
        for (int i = 0; i < texts.size(); i++) {
            LocalDate date = date(texts.get(i), param, i);
            if (!dates.add(date)) {
                throw ApiException.invalid(param, param + " lists " + date + " more than once.");
            }
        }
        return dates;
    }

    private static LocalDate date(String text, String param, int index) {
        String where = param + "[" + index + "]";
        if (text == null || !DATE.matcher(text).matches()) {
            throw ApiException.invalid(param, where + " must be a date as YYYY-MM-DD.");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(param, where + " is not a date of the calendar.");
        }
    }
}
