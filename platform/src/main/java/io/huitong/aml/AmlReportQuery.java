package io.huitong.aml;

import java.time.LocalDate;

/**
 * Which reports to list, every filter optional (null): the report's type and rule, its business day exactly or
 * {@code since} a business day (that day included), and its customer.
 */
public record AmlReportQuery(String type, String rule, LocalDate businessDay, LocalDate since, String customer) {

    public static AmlReportQuery of(String type, LocalDate businessDay, String customer) {
        return new AmlReportQuery(type, null, businessDay, null, customer);
    }
}
