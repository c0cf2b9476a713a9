/**
 * The third-party wallet operator's interface, in the open-platform gateway style: the merchant pre-creates
 * a QR order, the payer scans and pays in the operator's app, the operator notifies the merchant.
 *
 * <h2>Requests</h2>
 * One gateway, {@code POST {base}/walletpay/gateway.do}, form-encoded (UTF-8), with the common parameters
 * {@code app_id}, {@code method}, {@code charset=utf-8}, {@code sign_type=RSA2}, {@code timestamp}
 * ({@code yyyy-MM-dd HH:mm:ss}, China Standard Time), {@code version=1.0}, {@code notify_url} (pre-create only),
 * {@code biz_content} (a JSON object) and {@code sign}.
 * <table>
 *   <caption>Methods and their biz_content</caption>
 *   <tr><th>method</th><th>biz_content</th><th>answer fields</th></tr>
 *   <tr><td>{@code trade.precreate}</td><td>{@code out_trade_no}, {@code total_amount} (yuan, two decimals),
 *       {@code subject}, {@code time_expire} ({@code yyyy-MM-dd HH:mm:ss})</td><td>{@code out_trade_no}, {@code qr_code}</td></tr>
 *   <tr><td>{@code trade.query}</td><td>{@code out_trade_no}</td><td>{@code trade_no}, {@code out_trade_no},
 *       {@code trade_status} ({@code WAIT_BUYER_PAY}, {@code TRADE_SUCCESS}, {@code TRADE_CLOSED}), {@code total_amount}</td></tr>
 *   <tr><td>{@code trade.close}</td><td>{@code out_trade_no}</td><td>{@code out_trade_no}</td></tr>
 *   <tr><td>{@code trade.refund}</td><td>{@code out_trade_no}, {@code out_request_no}, {@code refund_amount}</td>
 *       <td>{@code trade_no}, {@code refund_fee} (refunded so far)</td></tr>
 *   <tr><td>{@code trade.fastpay.refund.query}</td><td>{@code out_trade_no} and {@code out_request_no}: a refund is
 *       named by its trade and its request together</td>
 *       <td>{@code out_request_no}, {@code refund_amount}, {@code refund_status} ({@code REFUND_SUCCESS})</td></tr>
 *   <tr><td>{@code data.bill.downloadurl.query}</td><td>{@code bill_type} ({@code trade}), {@code bill_date}
 *       ({@code yyyy-MM-dd}, a business date in China Standard Time)</td><td>{@code bill_download_url}: a {@code GET} of it,
 *       within 30 minutes, answers the app's bill of that date as {@code text/csv}
 *       ({@link io.huitong.protocols.statements.WalletBill})</td></tr>
 *   <tr><td>{@code data.bill.downloadurl.query}</td><td>{@code bill_type} ({@code trade}), {@code bill_date}
 *       ({@code yyyy-MM-dd}, a business date in China Standard Time)</td><td>{@code bill_download_url}: a {@code GET} of it,
 *       within 30 minutes, answers the app's bill of that date as {@code text/csv}
 *       ({@link io.huitong.protocols.statements.WalletBill})</td></tr>
 * </table>
 * A pre-create sent again with the same {@code out_trade_no} and amount is answered with the existing order;
 * a refund sent again with the same {@code out_request_no} with the existing refund.
 *
 * <h2>Answers</h2>
 * JSON {@code {"trade_precreate_response":{"code":"10000","msg":"Success",...},"sign":"..."}}; {@code sign} is the
 * operator's signature of the exact text of the {@code *_response} object. Codes: {@code 10000} success,
 * {@code 20000} service unavailable (nothing done), {@code 40001} missing parameter, {@code 40002} invalid parameter
 * or signature ({@code sub_code} {@code isv.invalid-signature}), {@code 40004} business refusal with a
 * {@code sub_code} such as {@code ACQ.TRADE_NOT_EXIST}, {@code ACQ.TRADE_HAS_SUCCESS}, {@code ACQ.TRADE_HAS_CLOSE}.
 *
 * <h2>Notification</h2>
 * A form POST to {@code notify_url} with {@code notify_id}, {@code notify_time}, {@code app_id},
 * {@code trade_status} ({@code TRADE_SUCCESS} or {@code TRADE_CLOSED}), {@code out_trade_no}, {@code trade_no},
 * {@code total_amount}, {@code gmt_payment}, {@code sign_type}, {@code sign}. The merchant answers the plain
 * text {@code success}; anything else and the operator sends it again later.
 *
 * <h2>Signatures</h2>
 * RSA2: SHA256withRSA, base64. Requests and notifications sign {@link io.huitong.protocols.walletpay.WalletPay#signingString}
 * (parameters sorted by name, without {@code sign} and {@code sign_type}, {@code k=v} joined by {@code &}); the merchant
 * signs with its app's private key, the operator with its own.
 */
package io.huitong.protocols.walletpay;
