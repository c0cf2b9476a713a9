package io.huitong.aml;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A large-value transaction report or a suspicious-pattern alert: its rule, the customer, the business day
 * (Asia/Shanghai) it belongs to, the merchants involved, the total in CNY (minor units, foreign currencies
 * at the configured rates) and the transactions behind it, oldest first.
 */
public record AmlReport(String id, String object, String type, String rule, String description, String customer, String customerType,
                        LocalDate businessDay, List<String> merchants, long amountCny, List<AmlTransaction> transactions,
                        Instant createdAt, Instant updatedAt) {

    public static final String OBJECT = "aml_report";
    public static final String LARGE_VALUE = "large_value";
    public static final String SUSPICIOUS = "suspicious";
}
