package io.huitong.wallets.domain;

import io.huitong.kernel.Money;
import io.huitong.wallets.AccountClass;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The payment-account classes' rules (《非银行支付机构网络支付业务管理办法》, 2015, art. 11–12): which class a consumer's
 * verification gives, and how much a wallet of each class may pay from its balance and transfer to others. Class I counts
 * in all since the account opened, classes II and III each calendar year in {@code zone} (Asia/Shanghai). The figures are
 * in CNY minor units (the regulation's by default); a movement in another currency is not one a class allows, since the
 * figures are in CNY and converting is not done here.
 */
public final class ClassRules {

    /** The currency the figures are in. */
    public static final String CURRENCY = "CNY";
    /** External channels that make a class II wallet. */
    public static final int CLASS_II_CHANNELS = 3;
    /** External channels that make a class III wallet (face to face does at once). */
    public static final int CLASS_III_CHANNELS = 5;
    /** The regulation's figures, CNY minor units: 1,000.00 since opening, 100,000.00 and 200,000.00 a year. */
    public static final Map<AccountClass, Long> REGULATION = Map.of(AccountClass.I, 100_000L, AccountClass.II, 10_000_000L,
            AccountClass.III, 20_000_000L);

    /** How a class counts: since the account opened, or each calendar year. */
    public enum Period {
        SINCE_OPENING, YEAR
    }

    private final Map<AccountClass, Long> limits;
    private final ZoneId zone;

    /** {@code limits}: CNY minor units by class; a class without one has the regulation's. */
    public ClassRules(Map<AccountClass, Long> limits, ZoneId zone) {
        this.limits = new EnumMap<>(REGULATION);
        if (limits != null) {
            limits.forEach((c, limit) -> {
                if (limit == null || limit < 0) {
                    throw new IllegalArgumentException("the limit of class " + c + " must be zero or more minor units: " + limit);
                }
                this.limits.put(c, limit);
            });
        }
        this.zone = zone;
    }

    /** The class {@code externalChannels} verification channels give, or face to face; empty for none. */
    public static Optional<AccountClass> classOf(int externalChannels, boolean faceToFace) {
        if (faceToFace || externalChannels >= CLASS_III_CHANNELS) {
            return Optional.of(AccountClass.III);
        }
        if (externalChannels >= CLASS_II_CHANNELS) {
            return Optional.of(AccountClass.II);
        }
        return externalChannels >= 1 ? Optional.of(AccountClass.I) : Optional.empty();
    }

    public static Period period(AccountClass accountClass) {
        return accountClass == AccountClass.I ? Period.SINCE_OPENING : Period.YEAR;
    }

    /** The most a wallet of the class moves out in its period, CNY minor units. */
    public long limit(AccountClass accountClass) {
        return limits.get(accountClass);
    }

    /** The calendar year of {@code at} in the classes' zone. */
    public int yearOf(Instant at) {
        return ZonedDateTime.ofInstant(at, zone).getYear();
    }

    /** When the calendar year of {@code at} began in the classes' zone. */
    public Instant startOfYear(Instant at) {
        return ZonedDateTime.ofInstant(at, zone).toLocalDate().withDayOfYear(1).atStartOfDay(zone).toInstant();
    }

    /** What a wallet of the class has used of its period's figure at {@code at}. */
    public long used(AccountClass accountClass, Outflow outflow, Instant at) {
        return period(accountClass) == Period.SINCE_OPENING ? outflow.total() : outflow.in(yearOf(at));
    }

    /** What is left of it. */
    public long remaining(AccountClass accountClass, Outflow outflow, Instant at) {
        return Math.max(0, limit(accountClass) - used(accountClass, outflow, at));
    }

    /**
     * Why a wallet of the class, having moved out {@code outflow}, may not move {@code amount} out at {@code at}; empty when
     * it may.
     */
    public Optional<String> refusal(AccountClass accountClass, Outflow outflow, Money amount, Instant at) {
        if (!CURRENCY.equals(amount.currency())) {
            return Optional.of("A wallet's class allows balance payments and transfers in " + CURRENCY + " only; " + amount.currency()
                    + " is not counted against it and so not allowed.");
        }
        long used = used(accountClass, outflow, at);
        if (Math.addExact(used, amount.amount()) <= limit(accountClass)) {
            return Optional.empty();
        }
        String period = period(accountClass) == Period.SINCE_OPENING ? " in all since it opened; " : " a calendar year; ";
        String left = period(accountClass) == Period.SINCE_OPENING ? " remain." : " remain this year.";
        return Optional.of("A class " + accountClass + " wallet pays and transfers at most " + cny(limit(accountClass)) + " CNY" + period
                + cny(remaining(accountClass, outflow, at)) + " CNY" + left + (accountClass == AccountClass.III ? ""
                : " Verifying through more channels raises the class."));
    }

    /** {@code 1,234.56}. */
    static String cny(long minor) {
        return String.format(Locale.ROOT, "%,d.%02d", minor / 100, minor % 100);
    }
}
