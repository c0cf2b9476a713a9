package io.huitong.wallets.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.Money;
import io.huitong.wallets.AccountClass;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payment-account classes' rules, without Spring or a database. */
class ClassRulesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final ClassRules rules = new ClassRules(null, SHANGHAI);
    private final Instant midYear = Instant.parse("2026-06-15T04:00:00Z");

    @Test
    void channelsGiveTheRegulationsClasses() {
        assertThat(ClassRules.classOf(0, false)).as("no channel: no class").isEmpty();
        assertThat(ClassRules.classOf(1, false)).contains(AccountClass.I);
        assertThat(ClassRules.classOf(2, false)).contains(AccountClass.I);
        assertThat(ClassRules.classOf(3, false)).contains(AccountClass.II);
        assertThat(ClassRules.classOf(4, false)).contains(AccountClass.II);
        assertThat(ClassRules.classOf(5, false)).contains(AccountClass.III);
        assertThat(ClassRules.classOf(6, false)).contains(AccountClass.III);
        assertThat(ClassRules.classOf(0, true)).as("face to face opens class III at once").contains(AccountClass.III);
        assertThat(ClassRules.classOf(1, true)).contains(AccountClass.III);
    }

    @Test
    void theFiguresAreTheRegulationsUnlessConfigured() {
        assertThat(rules.limit(AccountClass.I)).isEqualTo(100_000L);
        assertThat(rules.limit(AccountClass.II)).isEqualTo(10_000_000L);
        assertThat(rules.limit(AccountClass.III)).isEqualTo(20_000_000L);
        ClassRules configured = new ClassRules(Map.of(AccountClass.II, 5_000_000L), SHANGHAI);
        assertThat(configured.limit(AccountClass.II)).isEqualTo(5_000_000L);
        assertThat(configured.limit(AccountClass.I)).as("the others stay").isEqualTo(100_000L);
        assertThatThrownBy(() -> new ClassRules(Map.of(AccountClass.I, -1L), SHANGHAI)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classICountsEverythingSinceOpeningUpToTheCent() {
        Outflow used = new Outflow(99_000, 0, 2020); // moved out years ago: class I never forgets
        assertThat(rules.refusal(AccountClass.I, used, cny(1_000), midYear)).as("exactly up to 1,000.00").isEmpty();
        assertThat(rules.refusal(AccountClass.I, used, cny(1_001), midYear)).get().asString()
                .contains("class I").contains("1,000.00 CNY in all since it opened").contains("10.00 CNY remain");
        assertThat(rules.remaining(AccountClass.I, used, midYear)).isEqualTo(1_000);
        assertThat(rules.used(AccountClass.I, used, midYear)).isEqualTo(99_000);
    }

    @Test
    void classesIIAndIIICountTheCalendarYearInShanghai() {
        Outflow thisYear = new Outflow(30_000_000, 9_999_999, 2026);
        assertThat(rules.refusal(AccountClass.II, thisYear, cny(1), midYear)).isEmpty();
        assertThat(rules.refusal(AccountClass.II, thisYear, cny(2), midYear)).get().asString()
                .contains("100,000.00 CNY a calendar year").contains("0.01 CNY remain this year");
        assertThat(rules.refusal(AccountClass.III, thisYear, cny(10_000_002), midYear)).get().asString().contains("200,000.00");
        assertThat(rules.refusal(AccountClass.III, thisYear, cny(10_000_002), midYear)).get().asString().doesNotContain("more channels");
        assertThat(rules.refusal(AccountClass.III, thisYear, cny(10_000_001), midYear)).isEmpty();

        // 2026-12-31T16:00Z is already 2027-01-01 in Shanghai: last year's figure no longer counts
        Instant newYearInShanghai = Instant.parse("2026-12-31T16:00:00Z");
        assertThat(rules.yearOf(newYearInShanghai)).isEqualTo(2027);
        assertThat(rules.yearOf(newYearInShanghai.minusSeconds(1))).isEqualTo(2026);
        assertThat(rules.startOfYear(midYear)).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
        assertThat(rules.used(AccountClass.II, thisYear, newYearInShanghai)).isZero();
        assertThat(rules.refusal(AccountClass.II, thisYear, cny(10_000_000), newYearInShanghai)).isEmpty();
        assertThat(rules.refusal(AccountClass.II, thisYear, cny(10_000_000), newYearInShanghai.minusSeconds(1))).isPresent();
    }

    @Test
    void otherCurrenciesAreNotAllowedSinceTheFiguresAreInCny() {
        assertThat(rules.refusal(AccountClass.III, Outflow.none(2026), new Money(1, "USD"), midYear)).get().asString()
                .contains("CNY only");
    }

    @Test
    void anOutflowCountsOnAndGivesBack() {
        Outflow o = Outflow.none(2026).plus(40_000, 2026).plus(10_000, 2026);
        assertThat(o).isEqualTo(new Outflow(50_000, 50_000, 2026));
        Outflow nextYear = o.plus(5_000, 2027);
        assertThat(nextYear).as("a new year starts the year's figure again").isEqualTo(new Outflow(55_000, 5_000, 2027));
        assertThat(nextYear.in(2027)).isEqualTo(5_000);
        assertThat(nextYear.in(2026)).isZero();

        assertThat(o.minus(10_000, 2026)).as("a refund gives back what it refunds").isEqualTo(new Outflow(40_000, 40_000, 2026));
        assertThat(nextYear.minus(10_000, 2026)).as("a refund of last year's payment: nothing of this year's")
                .isEqualTo(new Outflow(45_000, 5_000, 2027));
        assertThat(o.minus(80_000, 2026)).as("never below zero").isEqualTo(new Outflow(0, 0, 2026));
        assertThatThrownBy(() -> new Outflow(-1, 0, 2026)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Money cny(long minor) {
        return new Money(minor, "CNY");
    }
}
