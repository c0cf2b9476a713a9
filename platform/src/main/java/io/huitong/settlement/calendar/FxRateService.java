package io.huitong.settlement.calendar;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.settlement.FxRates;
import io.huitong.settlement.domain.RateText;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/** Exchange rates: checked as the API takes them, appended to the history, looked up by pair and instant. */
final class FxRateService implements FxRates {

    static final String ID_PREFIX = "fxr";

    private final FxRateStore store;
    private final Clock clock;
    private final Ids ids;

    FxRateService(FxRateStore store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Optional<FxRate> rateAt(String from, String to, Instant at) {
        Objects.requireNonNull(at, "at");
        if (!Currencies.isSupported(from) || !Currencies.isSupported(to)) {
            throw new IllegalArgumentException("not a supported currency pair: " + from + "/" + to);
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("no rate converts " + from + " into itself");
        }
        return store.inForce(from, to, at);
    }

    @Override
    public FxRate add(NewFxRate in, String operatorId) {
        Objects.requireNonNull(in, "rate");
        if (operatorId == null || operatorId.isBlank()) {
            throw new IllegalArgumentException("the operator adding a rate is required");
        }
        String base = Currencies.require(in.base(), "base");
        String quote = Currencies.require(in.quote(), "quote");
        if (base.equals(quote)) {
            throw ApiException.invalid("quote", "quote must be another currency than base.");
        }
        if (in.rate() == null) {
            throw ApiException.missing("rate");
        }
        BigDecimal rate = RateText.parse(in.rate()).orElseThrow(() -> ApiException.invalid("rate",
                "rate must be a positive decimal in a string, such as \"7.1234\": digits with at most one point, no sign or exponent, at most "
                        + RateText.MAX_INTEGER_DIGITS + " digits before the point and " + RateText.MAX_FRACTION_DIGITS + " after it."));
        Instant now = DbTimes.now(clock);
        Instant effectiveAt = in.effectiveAt() == null ? now : in.effectiveAt().truncatedTo(ChronoUnit.MICROS);
        // older than a year is a typo rather than a correction; further ahead than a year is no schedule anybody keeps
        if (effectiveAt.isBefore(now.atOffset(ZoneOffset.UTC).minusYears(1).toInstant())) {
            throw ApiException.invalid("effective_at", "effective_at may be at most a year before now.");
        }
        if (effectiveAt.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant())) {
            throw ApiException.invalid("effective_at", "effective_at may be at most a year after now.");
        }
        FxRate added = new FxRate(ids.next(ID_PREFIX), base, quote, rate.setScale(RateText.MAX_FRACTION_DIGITS), effectiveAt, now,
                operatorId);
        store.insert(added);
        return added;
    }

    @Override
    public Page<FxRate> list(String base, String quote, PageRequest page) {
        return store.list(base == null ? null : Currencies.require(base, "base"), quote == null ? null : Currencies.require(quote, "quote"),
                page);
    }
}
