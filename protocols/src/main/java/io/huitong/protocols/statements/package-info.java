/**
 * The channels' daily statements, which the platform reconciles against its ledger: each with a writer and a
 * streaming reader ({@link io.huitong.protocols.statements.StatementReader}) that reads one line at a time in
 * constant memory and refuses a malformed file with a {@link io.huitong.protocols.statements.StatementFormatException}
 * naming the line (1-based) and what is wrong with it: a wrong column count, a bad amount, date or time, an unknown
 * code, a file that ends before its summary (truncated), a line after it, or a summary that disagrees with the lines.
 *
 * <p>Common rules: files are UTF-8 (a leading byte order mark is skipped); CSV is RFC 4180 (comma separated,
 * double quotes around a field holding a comma, quote or line end, a quote inside written twice, CRLF line ends
 * written, LF accepted); amounts are whole minor units of the line's currency unless said otherwise, never
 * fractions; the business date is the day in Asia/Shanghai. Every statement ends with a summary, so a file cut
 * short is always told from a complete one; writers write the summary only when asked ({@code finish()}), never
 * on close, for the same reason.
 *
 * <h2>Card acquirer settlement file (CSV)</h2>
 * What one acquirer settled with us on one business date ({@link io.huitong.protocols.statements.AcquirerSettlement}).
 * The first field of each line is its record type:
 * <table>
 *   <caption>Records</caption>
 *   <tr><th>record</th><th>columns</th></tr>
 *   <tr><td>{@code H}, first line</td><td>{@code H, acquirer_settlement, 1} (format and version){@code , acquirer, business_date}</td></tr>
 *   <tr><td>{@code D}, one per transaction</td><td>{@code D, code, stan, transmission_time, masked_pan, amount, currency, rrn,
 *       authorization_code, reference, merchant_id, fee, settlement_amount, original_reference, status}</td></tr>
 *   <tr><td>{@code T}, last line</td><td>{@code T, count, amount_total, fee_total, settlement_total}: the number of D lines
 *       and the sums of their amount, fee and settlement_amount columns (control totals over all currencies)</td></tr>
 * </table>
 * D columns: {@code code} {@code sale} (0200 purchase), {@code capture} (0220 completion of an authorization),
 * {@code refund} (0200 refund) or {@code reversal} (0400 of a captured sale or of a refund); {@code stan} field 11, six
 * digits; {@code transmission_time} field 7 as a UTC instant ({@code 2026-12-05T03:12:45Z}); {@code masked_pan} the first
 * six and last four digits with asterisks between, empty when the acquirer had no card; {@code amount} positive;
 * {@code currency} ISO 4217 alphabetic; {@code rrn} the acquirer's reference (field 37, required);
 * {@code authorization_code} field 38 or empty; {@code reference} <em>our</em> reference, field 48 as we sent it (a
 * payment's {@code pay_...} or a refund's {@code re_...} id; a reversal carries the reversed transaction's);
 * {@code merchant_id} field 42 as we sent it with the card (empty when the acquirer never had it); {@code fee} the
 * acquirer's fee, signed; {@code settlement_amount} {@code amount − fee} for sales and captures, {@code −amount − fee}
 * for refunds, either for reversals (a reversal of a sale gives back the fee, {@code fee} negative); {@code original_reference}
 * the refunded payment (field 62) or the reversed transaction, required for refunds and reversals, empty otherwise;
 * {@code status} {@code settled}, or {@code failed} (nothing moves: fee and settlement_amount are 0).
 * <pre>
 * H,acquirer_settlement,1,acq_a,2026-12-05
 * D,sale,000017,2026-12-05T03:12:45Z,424242******4242,1000,CNY,000123456790,482913,pay_01JEX5K7Q2W8R3T9Y4M6N1P0ZA,mer_01JEX5,6,994,,settled
 * D,refund,000018,2026-12-05T04:00:00Z,424242******4242,300,CNY,000123456791,119004,re_01JEX6A1B2C3D4E5F6G7H8J9KA,mer_01JEX5,0,-300,pay_01JEX5K7Q2W8R3T9Y4M6N1P0ZA,settled
 * T,2,1300,6,694
 * </pre>
 *
 * <h2>Bank statement (camt.053.001.08)</h2>
 * {@link io.huitong.protocols.iso20022.Statement}, written by {@link io.huitong.protocols.iso20022.Iso20022Codec#write(io.huitong.protocols.iso20022.Statement)},
 * read one entry at a time by {@link io.huitong.protocols.statements.BankStatementReader}. One {@code Stmt} of our
 * settlement account for one business day ({@code FrToDt} from 00:00 to 23:59:59 at +08:00): {@code Bal} {@code OPBD}
 * and {@code CLBD} (booked balances at the start and end of the day, {@code CdtDbtInd} DBIT for a negative balance);
 * {@code TxsSummry/TtlNtries} ({@code NbOfNtries}, {@code Sum} of the entries' amounts, {@code TtlNetNtry} credits less
 * debits); one {@code Ntry} per booking: {@code Amt Ccy}, {@code CdtDbtInd} (CRDT money in, DBIT money out),
 * {@code RvslInd} true when the booking reverses an earlier one (the bank reports the transaction failed),
 * {@code Sts/Cd} BOOK, {@code BookgDt/Dt}, {@code AddtlNtryInf} the kind ({@code transfer}: a pay-in, pacs.008;
 * {@code payout}: a payout {@code po_...} or a wallet withdrawal {@code wdr_...}, pain.001; {@code return}: a pacs.004
 * refund of a pay-in) and {@code NtryDtls/TxDtls/Refs/EndToEndId}, our reference. A batch of payouts the bank booked
 * as one entry (a pain.001 asking for batch booking) has {@code NtryDtls/Btch} instead ({@code MsgId} and {@code PmtInfId}
 * of the pain.001, {@code NbOfTxs}, {@code TtlAmt}), the batch's {@code PmtInfId} as {@code NtryRef}, the sum of the
 * payouts made as {@code Amt}, and a {@code TxDtls} per payout; the reader names such an entry by the batch
 * ({@code PmtInfId}, else {@code MsgId}, else {@code NtryRef}), never by one of its payouts, and so does an entry listing
 * several transactions without {@code Btch}. The reader checks the summary and that CLBD = OPBD + credits − debits.
 * <pre>
 * &lt;Ntry&gt;&lt;NtryRef&gt;pay_01JEX5...&lt;/NtryRef&gt;&lt;Amt Ccy="CNY"&gt;100.00&lt;/Amt&gt;&lt;CdtDbtInd&gt;CRDT&lt;/CdtDbtInd&gt;&lt;Sts&gt;&lt;Cd&gt;BOOK&lt;/Cd&gt;&lt;/Sts&gt;
 *   &lt;BookgDt&gt;&lt;Dt&gt;2026-12-05&lt;/Dt&gt;&lt;/BookgDt&gt;...&lt;AddtlNtryInf&gt;transfer&lt;/AddtlNtryInf&gt;&lt;NtryDtls&gt;&lt;TxDtls&gt;&lt;Refs&gt;&lt;EndToEndId&gt;pay_01JEX5...&lt;/EndToEndId&gt;...&lt;/Ntry&gt;
 * &lt;Ntry&gt;&lt;NtryRef&gt;pob_01JEX9...&lt;/NtryRef&gt;&lt;Amt Ccy="CNY"&gt;126.00&lt;/Amt&gt;&lt;CdtDbtInd&gt;DBIT&lt;/CdtDbtInd&gt;...&lt;NtryDtls&gt;
 *   &lt;Btch&gt;&lt;MsgId&gt;pob_01JEX9...&lt;/MsgId&gt;&lt;PmtInfId&gt;pob_01JEX9...&lt;/PmtInfId&gt;&lt;NbOfTxs&gt;3&lt;/NbOfTxs&gt;...&lt;/Btch&gt;
 *   &lt;TxDtls&gt;&lt;Refs&gt;...&lt;EndToEndId&gt;po_01JEX8...&lt;/EndToEndId&gt;&lt;/Refs&gt;&lt;Amt Ccy="CNY"&gt;31.00&lt;/Amt&gt;...&lt;/TxDtls&gt;...&lt;/NtryDtls&gt;...&lt;/Ntry&gt;
 * </pre>
 *
 * <h2>Wallet operator bill</h2>
 * {@link io.huitong.protocols.statements.WalletBill}, in the style of the Chinese wallet operators' bills: a column
 * header line, then one detail line per payment and refund in which <em>every field starts with a backtick</em>
 * ({@code `}, which keeps spreadsheets from turning long numbers into floating point), then a summary header line
 * and one summary line in the same style. Amounts in yuan with exactly two decimals; times China Standard Time.
 * <table>
 *   <caption>Sections</caption>
 *   <tr><td>column header</td><td>{@code trade_time,app_id,trade_no,out_trade_no,out_refund_no,type,status,amount,fee,currency}</td></tr>
 *   <tr><td>details</td><td>{@code trade_time} {@code yyyy-MM-dd HH:mm:ss}; {@code trade_no} the operator's transaction id;
 *       {@code out_trade_no} our order (payment) id; {@code out_refund_no} our refund id, empty for payments; {@code type}
 *       PAYMENT or REFUND; {@code status} SUCCESS or FAILED; {@code amount} positive; {@code fee} the operator's, signed</td></tr>
 *   <tr><td>summary header</td><td>{@code total_count,total_amount,total_fee}</td></tr>
 *   <tr><td>summary</td><td>the number of detail lines; successful payments less successful refunds; the successful lines' fees</td></tr>
 * </table>
 * <pre>
 * trade_time,app_id,trade_no,out_trade_no,out_refund_no,type,status,amount,fee,currency
 * `2026-12-05 11:12:45,`2021000000000001,`wp2026120500000001,`pay_01JEX5K7Q2W8R3T9Y4M6N1P0ZA,`,`PAYMENT,`SUCCESS,`10.00,`0.06,`CNY
 * total_count,total_amount,total_fee
 * `1,`10.00,`0.06
 * </pre>
 *
 * <h2>e-CNY operator bill</h2>
 * {@link io.huitong.protocols.statements.EcnyBill}: plain CSV, a column header, one line per payment and refund, and a
 * final totals line. Amounts in fen.
 * <table>
 *   <caption>Lines</caption>
 *   <tr><td>column header</td><td>{@code trade_time,merchant_no,trade_type,order_no,out_trade_no,original_out_trade_no,amount,fee,currency,status}</td></tr>
 *   <tr><td>lines</td><td>{@code trade_time} ISO-8601 at +08:00; {@code trade_type} PAYMENT or REFUND; {@code order_no} the
 *       operator's id; {@code out_trade_no} our reference ({@code out_order_no} of a payment, {@code out_refund_no} of a refund);
 *       {@code original_out_trade_no} the refunded payment, empty for payments; {@code amount} positive; {@code fee} signed;
 *       {@code status} SUCCESS or FAILED</td></tr>
 *   <tr><td>totals, last</td><td>{@code TOTAL, bill_date, count, payment_total, refund_total, fee_total} over the SUCCESS lines
 *       (count: every line)</td></tr>
 * </table>
 * <pre>
 * trade_time,merchant_no,trade_type,order_no,out_trade_no,original_out_trade_no,amount,fee,currency,status
 * 2026-12-05T11:12:45+08:00,M100000001,PAYMENT,ec00000000000001,pay_01JEX5K7Q2W8R3T9Y4M6N1P0ZA,,1000,0,CNY,SUCCESS
 * TOTAL,2026-12-05,1,1000,0,0
 * </pre>
 *
 * <p>No Spring here: this package is a plain library.
 */
package io.huitong.protocols.statements;
