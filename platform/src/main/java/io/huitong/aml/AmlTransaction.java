package io.huitong.aml;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One money movement as anti-money-laundering sees it. {@code customer} is whose account it is (a consumer's
 * user id, a merchant id, or a card or bank account reference when the payer is not a Huitong customer);
 * {@code direction} is {@code debit} when the funds leave that account, {@code credit} when they arrive;
 * {@code amount} is in minor units of {@code currency}; {@code businessDay} is the day in Asia/Shanghai.
 */
public record AmlTransaction(String id, String object, String kind, String customer, String customerType, String direction,
                             String counterparty, String merchant, String reference, long amount, String currency, boolean crossBorder,
                             boolean cash, Instant occurredAt, LocalDate businessDay) {

    public static final String OBJECT = "aml_transaction";
    public static final String INDIVIDUAL = "individual";
    public static final String ORGANISATION = "organisation";
    public static final String DEBIT = "debit";
    public static final String CREDIT = "credit";
}
