package io.huitong.wallets.domain;

import io.huitong.kernel.Money;
import io.huitong.wallets.AccountClass;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The limits of each account class, per currency, in minor units: the most one movement may carry
 * ({@code perTransaction}) and the most that may move in one direction (in by top-ups, or out) in one
 * day ({@code daily}). A class or currency without a figure has no limit of that kind.
 */
public final class Limits {

    /** One class's figures, by currency. */
    public record ClassLimits(Map<String, Long> perTransaction, Map<String, Long> daily) {

        public ClassLimits {
            perTransaction = upperKeys(perTransaction);
            daily = upperKeys(daily);
        }

        private static Map<String, Long> upperKeys(Map<String, Long> m) {
            Map<String, Long> out = new java.util.HashMap<>();
            if (m != null) {
                m.forEach((k, v) -> out.put(k.toUpperCase(Locale.ROOT), v));
            }
            return Map.copyOf(out);
        }
    }

    private final Map<AccountClass, ClassLimits> byClass;

    public Limits(Map<AccountClass, ClassLimits> byClass) {
        this.byClass = byClass == null || byClass.isEmpty() ? Map.of() : new EnumMap<>(byClass);
    }

    /**
     * Why moving {@code amount} is refused, when {@code movedToday} in the same direction already moved
     * today; empty when it is allowed.
     */
    public Optional<String> refusal(AccountClass accountClass, Money amount, long movedToday) {
        ClassLimits limits = byClass.get(accountClass);
        if (limits == null) {
            return Optional.empty();
        }
        Long single = limits.perTransaction().get(amount.currency());
        if (single != null && amount.amount() > single) {
            return Optional.of("A class " + accountClass + " wallet moves at most " + single + " " + amount.currency()
                    + " (minor units) at a time.");
        }
        Long daily = limits.daily().get(amount.currency());
        if (daily != null && Math.addExact(movedToday, amount.amount()) > daily) {
            return Optional.of("A class " + accountClass + " wallet moves at most " + daily + " " + amount.currency()
                    + " (minor units) a day; " + Math.max(0, daily - movedToday) + " remain today.");
        }
        return Optional.empty();
    }
}
