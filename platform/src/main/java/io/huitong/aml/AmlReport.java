package io.huitong.aml;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A large-value transaction report or a suspicious-pattern alert: its rule, the customer (and who that is, as the
 * institution knows them: {@link CustomerIdentity}), the business day
 * (Asia/Shanghai) it belongs to, the merchants involved, the total in CNY (minor units, foreign currencies
 * at the configured rates) and the transactions behind it, oldest first.
 */
public record AmlReport(String id, String object, String type, String rule, String description, String customer, String customerType,
                        CustomerIdentity customerIdentity, LocalDate businessDay, List<String> merchants, long amountCny, List<AmlTransaction> transactions,
                        Instant createdAt, Instant updatedAt) {

    public static final String OBJECT = "aml_report";

    /** The report with its customer named ({@code customerIdentity} is null until whoever shows the report names them). */
    public AmlReport withCustomerIdentity(CustomerIdentity identity) {
        return new AmlReport(id, object, type, rule, description, customer, customerType, identity, businessDay, merchants, amountCny,
                transactions, createdAt, updatedAt);
    }
    public static final String LARGE_VALUE = "large_value";
    public static final String SUSPICIOUS = "suspicious";
}
