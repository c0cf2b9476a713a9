/**
 * The Huitong acquirer interface over ISO 8583, shared by the platform's card connector and the
 * channel simulator so both read the same specification.
 *
 * <h2>Transport</h2>
 * TCP; each message is framed by a two-byte big-endian length ({@link io.huitong.protocols.iso8583.Framing}).
 * Requests on one connection may be answered out of order: a response carries its request's STAN (field 11).
 *
 * <h2>Messages</h2>
 * <table>
 *   <caption>Message types and their fields (request → response)</caption>
 *   <tr><th>MTI</th><th>use</th><th>request fields</th></tr>
 *   <tr><td>0100/0110</td><td>authorization only</td><td>2, 3=000000, 4, 7, 11, 12, 13, 14, 22, 41, 42, 48, 49, 60, 61?</td></tr>
 *   <tr><td>0200/0210</td><td>sale (3=000000) or refund (3=200000, 62 = original, 90)</td><td>as 0100; refunds without card data</td></tr>
 *   <tr><td>0220/0230</td><td>completion (capture) of an authorization, partial allowed</td><td>3, 4, 7, 11, 48 = the authorization's reference, 49, 90</td></tr>
 *   <tr><td>0400/0410</td><td>reversal of the transaction named in 48</td><td>3, 7, 11, 48, 90</td></tr>
 *   <tr><td>0800/0810</td><td>70=301 echo; 70=900 status of the transaction named in 62</td><td>7, 11, 70, 62?, 90?</td></tr>
 * </table>
 * Responses repeat 3, 4, 7, 11, 12, 13, 41, 42, 48, 49, 62, 70, 90 and add 37 (RRN), 38 (authorization
 * code, on approval) and 39 (response code, {@link io.huitong.protocols.iso8583.ResponseCode}). They
 * never repeat the card number, expiry, CVC or e-commerce indicator.
 *
 * <h2>Identity of a transaction</h2>
 * The platform's reference (field 48: a payment's or refund's id) names a transaction for good: a
 * completion or reversal carries the original's reference in 48, a refund its own reference in 48 and the
 * payment's in 62, a status inquiry the reference asked about in 62. Completions and reversals are
 * idempotent by that reference; field 90 repeats the original's STAN when the sender still knows it.
 *
 * <p>No Spring here: this package is a plain library.
 */
package io.huitong.protocols.iso8583;
