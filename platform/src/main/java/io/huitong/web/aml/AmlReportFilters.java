package io.huitong.web.aml;

import io.huitong.aml.AmlReport;
import io.huitong.aml.AmlReportQuery;
import io.huitong.aml.AmlReports;
import io.huitong.kernel.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The AML reports' filters read as {@code GET /v1/admin/aml/reports} reads them, for the API and the operator console: a type
 * or rule the platform does not report under, a rule of another type, or a day that is no YYYY-MM-DD is a 400 naming the
 * parameter.
 */
public final class AmlReportFilters {

    private AmlReportFilters() {
    }

    public static AmlReportQuery query(AmlReports reports, String type, String rule, String date, String dateGte, String customer) {
        String t = type(type);
        String r = blank(rule);
        if (r != null && reports.rules().entrySet().stream().noneMatch(e -> (t == null || e.getKey().equals(t)) && e.getValue().contains(r))) {
            throw ApiException.invalid("rule", "rule must be one of " + String.join(", ", t == null ? allRules(reports) : reports.rules().get(t))
                    + (t == null ? "." : " for " + t + " reports."));
        }
        return new AmlReportQuery(t, r, date(date, "date"), date(dateGte, "date_gte"), blank(customer));
    }

    public static String type(String type) {
        String t = blank(type);
        if (t != null && !t.equals(AmlReport.LARGE_VALUE) && !t.equals(AmlReport.SUSPICIOUS)) {
            throw ApiException.invalid("type", "type must be large_value or suspicious.");
        }
        return t;
    }

    public static LocalDate date(String date, String param) {
        String d = blank(date);
        if (d == null) {
            return null;
        }
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(param, param + " must be a day as YYYY-MM-DD.");
        }
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> allRules(AmlReports reports) {
        return Stream.of(AmlReport.LARGE_VALUE, AmlReport.SUSPICIOUS).flatMap(t -> reports.rules().get(t).stream()).toList();
    }
}
