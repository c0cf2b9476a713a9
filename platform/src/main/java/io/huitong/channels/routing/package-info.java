/**
 * Smart routing: which channels take a payment, and in what order a payment tries them.
 *
 * <p>A channel takes a payment when its {@link io.huitong.channels.RoutingRule} is enabled and lists the
 * payment's method, its currency (no currencies listed: every currency) and admits its amount
 * ({@code min_amount} and {@code max_amount}, minor units, both inclusive). Those channels are ranked:
 * <ol>
 *   <li>a channel whose circuit breaker is open, or whose health is {@code down}, comes after every other
 *       (it is kept as a last resort: an open breaker answers "unavailable" at once, so trying it is safe);
 *       when every channel that takes the payment has its breaker open, the one likeliest to be up (the one
 *       that last answered an echo, then the one whose wait ends soonest) is half-opened and put first, so that
 *       the payment is its trial call rather than failing untried;</li>
 *   <li>then by score, lowest first; equal scores keep the configured order of the channels.</li>
 * </ol>
 * The score is in basis points of the payment's amount:
 * <pre>
 *   score = cost_bps + failure_weight × max(0, failed% − failure_allowance) + latency_weight × p99_ms / 100
 *   cost_bps = 10 000 × fee / amount,   fee = fee_fixed + round_half_up(amount × fee_bps / 10 000)
 * </pre>
 * where {@code failed%} and {@code p99_ms} are read from the channel's recent calls (its
 * {@link io.huitong.channels.ChannelWindow}: the newest calls that ended within the window's age). A channel
 * with fewer than {@code minimum_calls} such calls counts as healthy: both terms are zero. With the defaults
 * ({@link io.huitong.channels.routing.RoutingWeights#DEFAULTS}: minimum 20 calls, 10 bp per percentage point
 * of failures above 2 %, 1 bp per 100 ms of p99) a channel failing 30 % of its calls is scored as if it
 * charged 2.8 % more, and one whose p99 is 2 s as if it charged 0.2 % more. The fee is computed exactly in
 * minor units; only the dimensionless score is a floating-point number.
 *
 * <p>Routing only orders the channels; payments try them in that order and move on only when a channel
 * certainly did not act (a channel error, a refused connection, an open breaker), never after a decline or an
 * unknown outcome. Before that, each connector sends a call its channel certainly did not act on to it again,
 * a few times tens of milliseconds apart ({@link io.huitong.channels.ChannelRetry}); and every channel whose
 * breaker is open is sent its protocol's echo every second ({@link io.huitong.channels.ChannelProber}), so that
 * one back up takes payments again within seconds. Plain Java, free of Spring and SQL.
 */
package io.huitong.channels.routing;
