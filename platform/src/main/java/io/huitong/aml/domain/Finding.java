package io.huitong.aml.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * What a rule found: a report of {@code type} ({@code large_value} or {@code suspicious}) under {@code rule}
 * for the customer and business day, with the transactions behind it.
 */
public record Finding(String type, String rule, String description, String customer, boolean organisation, LocalDate businessDay,
                      List<String> transactionIds) {
}
