package io.huitong.payments.domain;

import io.huitong.kernel.CheckDigits;
import java.util.Optional;

/**
 * A primary account number that passed the Luhn check. It never prints itself: {@link #toString()}
 * shows the brand and last four only, so a log line or an exception message can't leak it.
 *
 * <p>Part of the channel port ({@code payments :: channel}): a connector needs the number it is handed
 * in {@link io.huitong.payments.channel.CardAuthorization} to put it on the wire.
 */
@org.springframework.modulith.NamedInterface("channel")
public final class CardNumber {

    private final String digits;
    private final CardBrand brand;

    private CardNumber(String digits) {
        this.digits = digits;
        this.brand = CardBrand.of(digits);
    }

    /** Empty when the text is not 12–19 digits (spaces allowed) with a valid Luhn check digit. */
    public static Optional<CardNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.replace(" ", "");
        if (digits.length() < 12 || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return CheckDigits.luhnValid(digits) ? Optional.of(new CardNumber(digits)) : Optional.empty();
    }


    public CardBrand brand() {
        return brand;
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    /** The full number, for the channel call and for encryption at rest only. */
    public String reveal() {
        return digits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CardNumber other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return brand.wireName() + " ****" + last4();
    }
}
