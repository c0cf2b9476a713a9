package io.huitong.risk.model.traffic;

import java.time.Instant;

/**
 * One generated money movement, in the order of {@link #seq()} (which is the order of {@link #at()}).
 *
 * @param seq              position in the stream, from 0
 * @param at               when it happened
 * @param payer            who pays: a card fingerprint ({@code C...}) or a wallet user ({@code U...})
 * @param payerKind        whether the payer is a card or a wallet account
 * @param payee            a merchant ({@code M...}) or, for transfers, a wallet user ({@code U...})
 * @param category         the merchant's category, or {@code P2P} for a transfer between accounts
 * @param amountMinor      the amount in minor units (fen)
 * @param currency         always CNY
 * @param device           the device the payment came from
 * @param ip               the IP address it came from
 * @param ipCountry        the IP address's country (ISO 3166-1 alpha-2)
 * @param cardCountry      the card's issuing country, or the wallet account's country
 * @param country          the country the payer declared (billing address)
 * @param latitude         where the payer was (the device's position, or the shop's)
 * @param longitude        ditto
 * @param payerSince       when the card or account was first seen (before the stream for most payers)
 * @param label            what it really is
 * @param campaign         the fraud campaign it belongs to ({@code ATO-12}, {@code CT-3}, {@code MULE-40}), or null
 */
public record TrafficEvent(long seq, Instant at, String payer, PayerKind payerKind, String payee, String category,
                           long amountMinor, String currency, String device, String ip, String ipCountry, String cardCountry,
                           String country, double latitude, double longitude, Instant payerSince, Label label, String campaign) {

    public enum PayerKind { CARD, ACCOUNT }

    public TrafficEvent withSeq(long newSeq) {
        return new TrafficEvent(newSeq, at, payer, payerKind, payee, category, amountMinor, currency, device, ip, ipCountry,
                cardCountry, country, latitude, longitude, payerSince, label, campaign);
    }
}
