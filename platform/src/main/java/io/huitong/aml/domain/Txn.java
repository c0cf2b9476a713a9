package io.huitong.aml.domain;

import java.time.Instant;
import java.time.LocalDate;

/** A normalised movement, as the rules read it (amount in minor units of currency). */
public record Txn(String id, String customer, boolean organisation, boolean debit, String counterparty, long amount, String currency,
                  boolean crossBorder, boolean cash, Instant occurredAt, LocalDate businessDay) {
}
