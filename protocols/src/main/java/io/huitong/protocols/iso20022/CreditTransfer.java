package io.huitong.protocols.iso20022;

import java.time.LocalDate;

/**
 * A pacs.008 FI-to-FI customer credit transfer carrying one transaction: the debtor's bank debits the
 * debtor's account and credits the creditor's.
 *
 * @param messageId      {@code GrpHdr/MsgId}, unique per message sent
 * @param reference      {@code EndToEndId} and {@code TxId}: our payment's id, which names the transfer for good
 * @param instructionId  {@code InstrId}
 * @param uetr           {@code UETR}, a UUID, or null
 * @param amount         {@code IntrBkSttlmAmt} in minor units
 * @param currency       its ISO 4217 currency
 * @param debtor         the payer's account ({@code Dbtr}, {@code DbtrAcct}, {@code DbtrAgt})
 * @param creditor       the account credited ({@code Cdtr}, {@code CdtrAcct}, {@code CdtrAgt})
 * @param settlementDate {@code IntrBkSttlmDt}
 * @param remittance     {@code RmtInf/Ustrd}, or null
 */
public record CreditTransfer(String messageId, String reference, String instructionId, String uetr, long amount, String currency,
                             BankAccount debtor, BankAccount creditor, LocalDate settlementDate, String remittance) {
}
