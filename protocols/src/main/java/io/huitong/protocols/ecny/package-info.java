/**
 * The digital RMB (e-CNY) operator's merchant interface: the merchant asks for a payment from a payer's
 * wallet, the operator pushes it to the payer's wallet app, the payer confirms, the operator notifies.
 *
 * <h2>Requests</h2>
 * JSON over HTTP, amounts in minor units (fen), currency {@code CNY}:
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>request</th><th>body</th><th>answer</th></tr>
 *   <tr><td>{@code POST /ecny/v1/orders}</td><td>{@code merchant_no, out_order_no, amount, currency, payer_wallet_id,
 *       notify_url, expire_time} (ISO-8601 instant){@code , subject}</td><td>the order</td></tr>
 *   <tr><td>{@code GET /ecny/v1/orders/{out_order_no}}</td><td>-</td><td>the order</td></tr>
 *   <tr><td>{@code POST /ecny/v1/orders/{out_order_no}/close}</td><td>{@code {}}</td><td>the order</td></tr>
 *   <tr><td>{@code POST /ecny/v1/refunds}</td><td>{@code out_refund_no, out_order_no, amount}</td><td>the refund</td></tr>
 *   <tr><td>{@code GET /ecny/v1/refunds/{out_refund_no}}</td><td>-</td><td>the refund</td></tr>
 *   <tr><td>{@code GET /ecny/v1/bills?bill_date=YYYY-MM-DD}</td><td>-</td><td>the merchant's bill of that business date
 *       (Asia/Shanghai), {@code text/csv}: {@link io.huitong.protocols.statements.EcnyBill}; signed like any answer</td></tr>
 * </table>
 * An order is {@code {"code":"SUCCESS","order_no","out_order_no","amount","currency","status","close_reason"?,"paid_at"?}} with
 * status {@code WAITING_CONFIRM}, {@code PAID}, {@code CLOSED} (close_reason {@code EXPIRED} or {@code CLOSED_BY_MERCHANT})
 * or {@code FAILED} (close_reason: the refusal code); a
 * refund {@code {"code":"SUCCESS","refund_no","out_refund_no","out_order_no","amount","status":"REFUNDED"}}. Refusals
 * answer {@code {"code":"<code>","message":"..."}} with HTTP 200 ({@code INSUFFICIENT_BALANCE}, {@code WALLET_NOT_FOUND},
 * {@code ORDER_NOT_FOUND}, {@code ORDER_PAID}, {@code ORDER_CLOSED}, {@code DUPLICATE_REFERENCE},
 * {@code REFUND_EXCEEDS_PAYMENT}), 400 ({@code INVALID_REQUEST}), 401 ({@code INVALID_SIGNATURE}) or 503
 * ({@code SYSTEM_ERROR}: nothing was done). An order (or refund) sent again with the same {@code out_order_no}
 * ({@code out_refund_no}) and terms is answered with the existing one.
 *
 * <h2>Notification</h2>
 * {@code POST notify_url} with the order as body ({@code status} {@code PAID} or {@code CLOSED}), signed by the
 * operator; the merchant answers {@code {"code":"SUCCESS"}}, or the operator sends it again later.
 *
 * <h2>Signatures</h2>
 * Every request, answer and notification carries {@code Ecny-Timestamp} (epoch seconds), {@code Ecny-Nonce}
 * and {@code Ecny-Signature}: SM2 over SM3, base64, of {@link io.huitong.protocols.ecny.Ecny#signingString}
 * ({@code timestamp\nnonce\nbody}, the body exactly as sent, empty for a GET). Requests also carry
 * {@code Ecny-Merchant-No}. The merchant signs with its key, the operator with its own; each verifies the other.
 */
package io.huitong.protocols.ecny;
