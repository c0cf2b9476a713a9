package io.huitong.payments.domain;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The checks a card must pass before any channel is called (docs/api.md: Luhn, expiry, CVC format). The
 * outcome is a value: a card that fails is a declined payment ({@code card_error}), not an exception.
 */
public final class CardCheck {

    /** A card's expiry lasts to the end of its month; cards more than 20 years out are not issued. */
    private static final int MAX_YEARS_AHEAD = 20;

    public sealed interface Outcome permits Passed, Failed {
    }

    public record Passed(CardNumber number, int expMonth, int expYear) implements Outcome {
    }

    /** {@code code} is the docs/api.md decline code: invalid_number, expired_card, incorrect_cvc, invalid_expiry_month/year. */
    public record Failed(String code, String message, String param) implements Outcome {
    }

    private final Clock clock;

    public CardCheck(Clock clock) {
        this.clock = clock;
    }

    public Outcome check(String number, Integer expMonth, Integer expYear, String cvc) {
        var parsed = CardNumber.parse(number);
        if (parsed.isEmpty()) {
            return new Failed("invalid_number", "The card number is not a valid card number.", "payment_method.card.number");
        }
        if (expMonth == null || expMonth < 1 || expMonth > 12) {
            return new Failed("invalid_expiry_month", "The card's expiration month is invalid.", "payment_method.card.exp_month");
        }
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        if (expYear == null || expYear > now.getYear() + MAX_YEARS_AHEAD) {
            return new Failed("invalid_expiry_year", "The card's expiration year is invalid.", "payment_method.card.exp_year");
        }
        if (YearMonth.of(expYear, expMonth).isBefore(now)) {
            return new Failed("expired_card", "The card has expired.", "payment_method.card.exp_year");
        }
        CardNumber card = parsed.get();
        if (cvc == null || cvc.length() != card.brand().cvcLength() || !cvc.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Failed("incorrect_cvc", "The card's security code is invalid.", "payment_method.card.cvc");
        }
        return new Passed(card, expMonth, expYear);
    }
}
