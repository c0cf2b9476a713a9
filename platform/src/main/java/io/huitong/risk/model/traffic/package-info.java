/**
 * Synthetic payment traffic with planted fraud, for training the fraud model and for replaying a day of traffic
 * in tests: {@link io.huitong.risk.model.traffic.TrafficGenerator} yields a stream of
 * {@link io.huitong.risk.model.traffic.TrafficEvent}s in time order, deterministic for its seed, and
 * {@link io.huitong.risk.model.traffic.StreamFeatures} computes each event's
 * {@link io.huitong.risk.model.Features} from the stream's own history, as the risk engine does for live traffic.
 *
 * <h2>Agents</h2>
 * Agent-based in the manner of PaySim, with Sparkov's profiles, amounts, places and times:
 * <ul>
 *   <li><b>Customers</b> (5,000 by default, 4 % more join during the stream): half pay with a card (payer
 *       {@code C...}, a card fingerprint), half with a wallet account (payer {@code U...}). Each has a home in one of
 *       15 Chinese cities (weighted by size), a usual hour (a peak between 09:00 and 21:00, spread 1.5–4.5 h; 5 %
 *       are night owls), a rate of payments (log-normal, median 1.1 a day, 20 % more at weekends), a spending level
 *       (log-normal factor on each category's typical amount), 4–15 favourite local merchants, one or two
 *       devices, a home IP address; 15 % work in one of five offices of their city and share its address; 20 % commute and pay
 *       the metro twice a working day (amounts under 10.00). 4 % of card customers hold a card issued in Hong Kong or
 *       Singapore. Wallet customers send 10 % of their payments to other customers (P2P).</li>
 *   <li><b>Noise</b>, legitimate behaviour that looks like fraud: trips (0.4 % a day; 2–8 days; a fifth abroad,
 *       where half the payments come from a foreign IP address), a new phone (0.2 % a day), rare big purchases
 *       (electronics, travel, jewellery), mobile carriers' shared addresses, new customers with no history, small
 *       payments at metros, convenience stores and app stores.</li>
 *   <li><b>Merchants</b> (600, and the metro of each of the 15 cities): 13 categories from groceries (typical amount 80.00) and the metro (5.00) to jewellery
 *       (3,000.00) and crypto exchanges (5,000.00), each with a log-normal amount, in a city, or online; and 12 shops
 *       in each of 8 travel destinations abroad.</li>
 * </ul>
 *
 * <h2>Fraud patterns (labels), rates per day at the default settings</h2>
 * <ul>
 *   <li><b>{@code ACCOUNT_TAKEOVER}</b> (Poisson, mean 3 a day): a fraudster logs into a wallet customer's
 *       account from a device the customer never used (half of the time one of a ring's 60 devices, used on several
 *       victims), 60 % through a proxy abroad, 25 % through a VPN exit in another Chinese city, often at night (55 %
 *       between 00:00 and 06:00), and drains the account in a burst of 2–6 transfers a few minutes apart (a balance
 *       of log-normal median 15,000.00) to 1–3 mule accounts. 15 % are subtle: a residential proxy in the victim's
 *       city, one or two transfers of about five times the victim's usual amount, hours apart.</li>
 *   <li><b>{@code CARD_TESTING}</b> (mean 0.8 campaigns a day): a bot tries 8–40 cards (half of them cards of
 *       customers, half never seen before) with 1–3 payments each of 0.50–9.99 at online merchants, seconds apart,
 *       from one device and one proxy address (a quarter of the campaigns use a new device and address for every
 *       card); a quarter of the cards are then cashed out with one purchase of about 3,000.00 within hours.</li>
 *   <li><b>{@code MULE}</b>: mule accounts (one for every 35 customers; 70 % opened within the last 40 days for
 *       the purpose and otherwise dormant, 30 % recruited customers with their own normal payments; 40 % operated
 *       from a handler's device shared with other mules) pass on 85–98 % of what they receive 10 minutes to 3 hours
 *       later, in 1–3 parts: to crypto exchanges, gift cards, or (35 %) another mule, which does the same. They
 *       receive from account takeovers and, 3 times a day on average, from outside the stream (scams).</li>
 *   <li><b>{@code LAUNDERING}</b> (off at the default settings, which train the fraud model; {@code launderingPerDay}
 *       rings a day when on, drawn from a random of their own so that the rest of the stream stays as it was): in
 *       turn, a fan ring (10–15 new accounts each send 5,000.00–9,499.99 to a collector within five hours, which
 *       sends 92–97 % of it on to 10–13 new accounts one to five hours later: fan-in, rapid in-and-out, fan-out),
 *       round amounts (3–4 transfers of 10,000.00 to 40,000.00 within hours) and structuring (three transfers of
 *       452,000.00–498,999.99, each just under the 500,000.00 large-value threshold, in a day). Not fraud against
 *       a payer: anti-money-laundering is to find it.</li>
 * </ul>
 * At the default settings some 9,100 payments a day, 1 % of them fraud. {@link io.huitong.risk.model.traffic.AddressPlan}
 * gives the address ranges and card prefixes the generator uses, as the risk engine's country tables.
 *
 * <h2>The seed</h2>
 * Every random choice comes from one {@link java.util.SplittableRandom} seeded with
 * {@link io.huitong.risk.model.traffic.TrafficGenerator.Settings#seed()}, drawn in a fixed order, so the same
 * settings give the same stream, event for event. The model that comes with Huitong is trained on seed 2026.
 */
package io.huitong.risk.model.traffic;
