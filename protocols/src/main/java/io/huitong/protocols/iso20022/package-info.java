/**
 * The Huitong bank interface over ISO 20022, shared by the platform's bank-transfer connector and the
 * channel simulator's bank so both read the same specification. Messages are written and read with
 * Prowide's model ({@link io.huitong.protocols.iso20022.Iso20022Codec}); only the {@code Document} is sent,
 * UTF-8, {@code Content-Type: application/xml}.
 *
 * <h2>HTTP binding</h2>
 * <table>
 *   <caption>Requests to the bank's base URL, and their answers</caption>
 *   <tr><th>request</th><th>use</th><th>answer (200)</th></tr>
 *   <tr><td>{@code POST /iso20022/pacs.008}</td><td>a pay-in: debit the payer's account, credit ours; header
 *       {@code Notify-Url} names where the final status goes</td><td>pacs.002: ACSC, RJCT + reason, or ACSP/PDNG</td></tr>
 *   <tr><td>{@code POST /iso20022/pacs.028}</td><td>status of any transaction by reference</td><td>pacs.002;
 *       HTTP 404 with a pacs.002 RJCT, proprietary reason {@code NOT_FOUND}, when the bank has none</td></tr>
 *   <tr><td>{@code POST /iso20022/camt.056}</td><td>cancel a pending pay-in</td><td>camt.029: CNCL, or RJCR with
 *       {@code ARDT} when it already settled; cancelling an unknown or failed transfer answers CNCL</td></tr>
 *   <tr><td>{@code POST /iso20022/pacs.004}</td><td>return (refund) part or all of a settled pay-in</td><td>pacs.002
 *       about the return's {@code RtrId}: ACSC, RJCT + reason, or ACSP</td></tr>
 *   <tr><td>{@code POST /iso20022/pain.001}</td><td>a batch of payouts from our account; {@code BtchBookg} true asks the
 *       bank to book a batch of several as one entry of our statement, named by its {@code PmtInfId}, false one entry per
 *       payout, absent as agreed with the bank</td><td>pain.002, one status per payout</td></tr>
 *   <tr><td>{@code GET /iso20022/camt.053?date=YYYY-MM-DD}</td><td>the day's statement of our account</td><td>camt.053</td></tr>
 * </table>
 * Versions: pacs.008.001.08, pacs.002.001.10, pacs.028.001.03, pacs.004.001.09, camt.056.001.08,
 * camt.029.001.09, pain.001.001.09, pain.002.001.10, camt.053.001.08.
 *
 * <p>HTTP 400 answers a message the bank could not read; HTTP 5xx (503 while the bank is closed, 500 on a
 * system error) means the bank booked nothing. A transaction's status, once the bank has one, is final
 * except ACSP/PDNG, which become ACSC or RJCT.
 *
 * <h2>Identity and retries</h2>
 * Our reference ({@code EndToEndId}, also {@code TxId}; a return's {@code RtrId}; a payout's
 * {@code EndToEndId}) names a transaction for good. The bank treats a pacs.008, pacs.004 or pain.001
 * transaction whose reference it already has as a duplicate: it books nothing new and answers the
 * original's current status. Any request may therefore be sent again after a connection failure; pacs.028
 * and camt.053 are reads, camt.056 is idempotent by its reference.
 *
 * <h2>Status push</h2>
 * When an ACSP/PDNG pay-in reaches its final status the bank POSTs a pacs.002 to the pay-in's
 * {@code Notify-Url}, signed with a key shared with the platform ({@link io.huitong.protocols.iso20022.NotificationSignature}:
 * header {@code Signature: t=<unix>,v1=<hex HMAC-SHA256 over "t.body">}). The platform answers 200 when it
 * took the status, 4xx when it refused it; the bank retries other answers a few times.
 *
 * <h2>Accounts</h2>
 * An account is its bank's clearing code ({@code ClrSysMmbId/MmbId}), its number ({@code Id/Othr/Id}) and
 * its holder's name. Account numbers travel in messages only: nothing here logs them, and
 * {@link io.huitong.protocols.iso20022.BankAccount#toString()} shows the last four digits.
 *
 * <p>No Spring here: this package is a plain library.
 */
package io.huitong.protocols.iso20022;
