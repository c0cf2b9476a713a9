package io.huitong.wallets.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import io.huitong.wallets.AccountClass;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private final Limits limits = new Limits(Map.of(
            AccountClass.II, new Limits.ClassLimits(Map.of("CNY", 1_000_000L), Map.of("CNY", 1_000_000L)),
            AccountClass.III, new Limits.ClassLimits(Map.of("cny", 200_000L), Map.of("CNY", 300_000L))));

    @Test
    void classIHasNoLimitBeyondItsBalance() {
        assertThat(limits.refusal(AccountClass.I, new Money(99_999_999_999L, "CNY"), 99_999_999_999L)).isEmpty();
    }

    @Test
    void perTransactionAndDailyFiguresAreInclusiveAndPerCurrency() {
        assertThat(limits.refusal(AccountClass.III, new Money(200_000, "CNY"), 0)).as("up to the figure").isEmpty();
        assertThat(limits.refusal(AccountClass.III, new Money(200_001, "CNY"), 0)).isPresent();
        assertThat(limits.refusal(AccountClass.III, new Money(100_000, "CNY"), 200_000)).as("reaches the daily figure").isEmpty();
        assertThat(limits.refusal(AccountClass.III, new Money(100_001, "CNY"), 200_000)).get().asString().contains("100000 remain");
        assertThat(limits.refusal(AccountClass.III, new Money(5_000_000, "USD"), 0)).as("no figure for USD").isEmpty();
        assertThat(limits.refusal(AccountClass.II, new Money(1_000_000, "CNY"), 0)).isEmpty();
        assertThat(limits.refusal(AccountClass.II, new Money(1, "CNY"), 1_000_000)).isPresent();
    }
}
