package io.huitong.settlement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Money paid from a merchant's available balance to its bank account through the bank channel.
 *
 * @param status {@code requires_approval}, {@code pending} (to be sent), {@code in_transit}, {@code paid} or {@code failed}
 *               (the money is back in the available balance; {@code failureCode} says why, {@code approval_rejected}
 *               when an approver refused it)
 */
public record Payout(String id, String object, String merchant, String settlement, long amount, String currency, BankAccountView bankAccount,
                     String status, String failureCode, String failureMessage, String approval, LocalDate arrivalDate,
                     Instant createdAt, Instant updatedAt) {

    public static final String OBJECT = "payout";
}
