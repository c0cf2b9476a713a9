package io.huitong.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.Currencies;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import org.junit.jupiter.api.Test;

/**
 * Conversion between minor units: exact product, one rounding half-up (ties away from zero, symmetric), the minor
 * units of each currency (JPY none, CNY two), and a result that does not fit a long refused rather than wrapped.
 */
class FxConversionTest {

    private static BigDecimal r(String rate) {
        return new BigDecimal(rate);
    }

    @Test
    void convertsBetweenCurrenciesWithTwoDecimals() {
        assertThat(FxConversion.convert(10_000, "USD", "CNY", r("7.1234"))).as("100.00 USD").isEqualTo(71_234);
        assertThat(FxConversion.convert(1, "USD", "CNY", r("7.1234"))).as("0.07 1234 CNY").isEqualTo(7);
        assertThat(FxConversion.convert(0, "USD", "CNY", r("7.1234"))).isZero();
        assertThat(FxConversion.convert(100, "CNY", "USD", r("0.1403"))).as("14.03 cents").isEqualTo(14);
    }

    @Test
    void yenHaveNoMinorUnit() {
        assertThat(Currencies.minorUnits("JPY")).isZero();
        // 100 yen at 0.048 CNY per yen: 4.80 CNY
        assertThat(FxConversion.convert(100, "JPY", "CNY", r("0.048"))).isEqualTo(480);
        // 1 yen: 0.048 CNY is 4.8 fen, rounded to 5
        assertThat(FxConversion.convert(1, "JPY", "CNY", r("0.048"))).isEqualTo(5);
        // 100.00 CNY at 20.8333 yen per yuan: 2083.33 yen, 2083
        assertThat(FxConversion.convert(10_000, "CNY", "JPY", r("20.8333"))).isEqualTo(2083);
        // 0.01 CNY: 0.208333 yen, 0
        assertThat(FxConversion.convert(1, "CNY", "JPY", r("20.8333"))).isZero();
        // 0.03 CNY: 0.624999 yen, 1
        assertThat(FxConversion.convert(3, "CNY", "JPY", r("20.8333"))).isEqualTo(1);
    }

    @Test
    void aTieRoundsAwayFromZeroSymmetricallyForNegativeAmounts() {
        // 1 cent at 2.5: 2.5 fen exactly
        assertThat(FxConversion.convert(1, "USD", "CNY", r("2.5"))).isEqualTo(3);
        assertThat(FxConversion.convert(-1, "USD", "CNY", r("2.5"))).isEqualTo(-3);
        // 3 cents at 0.5: 1.5
        assertThat(FxConversion.convert(3, "USD", "CNY", r("0.5"))).isEqualTo(2);
        assertThat(FxConversion.convert(-3, "USD", "CNY", r("0.5"))).isEqualTo(-2);
        // just below and just above a half
        assertThat(FxConversion.convert(1, "USD", "CNY", r("2.4999999999"))).isEqualTo(2);
        assertThat(FxConversion.convert(-1, "USD", "CNY", r("2.4999999999"))).isEqualTo(-2);
        assertThat(FxConversion.convert(1, "USD", "CNY", r("2.5000000001"))).isEqualTo(3);
        // a yen half: 5 fen at 10 yen per yuan is 0.5 yen
        assertThat(FxConversion.convert(5, "CNY", "JPY", r("10"))).isEqualTo(1);
        assertThat(FxConversion.convert(-5, "CNY", "JPY", r("10"))).isEqualTo(-1);
    }

    @Test
    void hugeValuesConvertExactlyOrAreRefused() {
        assertThat(FxConversion.convert(Long.MAX_VALUE, "USD", "CNY", BigDecimal.ONE)).isEqualTo(Long.MAX_VALUE);
        assertThat(FxConversion.convert(Long.MIN_VALUE, "USD", "CNY", BigDecimal.ONE)).isEqualTo(Long.MIN_VALUE);
        // no double anywhere: a value above 2^53 keeps its last digit
        assertThat(FxConversion.convert(9_007_199_254_740_993L, "USD", "CNY", BigDecimal.ONE)).isEqualTo(9_007_199_254_740_993L);
        assertThat(FxConversion.convert(Long.MAX_VALUE, "USD", "CNY", r("0.5"))).isEqualTo(4_611_686_018_427_387_904L);
        assertThatThrownBy(() -> FxConversion.convert(Long.MAX_VALUE, "USD", "CNY", r("1.0000000001")))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FxConversion.convert(Long.MAX_VALUE / 10, "CNY", "JPY", r("2000"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FxConversion.convert(Long.MIN_VALUE, "USD", "CNY", r("999999999999.9999999999")))
                .isInstanceOf(ArithmeticException.class);
        // JPY to CNY multiplies by 100: beyond a long's range at a rate of 1
        assertThatThrownBy(() -> FxConversion.convert(Long.MAX_VALUE / 50, "JPY", "CNY", BigDecimal.ONE)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesWhatIsNoRateOrNoCurrency() {
        assertThatThrownBy(() -> FxConversion.convert(1, "USD", "CNY", BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxConversion.convert(1, "USD", "CNY", r("-7.1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxConversion.convert(1, "USD", "CNY", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FxConversion.convert(1, "XAU", "CNY", r("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxConversion.convert(1, "usd", "CNY", r("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxConversion.convert(1, "USD", null, r("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FxConversion.convert(1, -1, 2, r("1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateTextTakesPlainPositiveDecimalsOnly() {
        assertThat(RateText.parse("7.1234")).contains(r("7.1234"));
        assertThat(RateText.parse("0.0000000001")).contains(r("0.0000000001"));
        assertThat(RateText.parse("999999999999.9999999999")).contains(r("999999999999.9999999999"));
        assertThat(RateText.parse("100")).contains(r("100"));
        for (String bad : new String[] {"", "0", "0.0", "-7.1", "+7.1", "7.1e3", "7.1E3", "1e-3", ".5", "7.", "07.1", "1,5", " 7.1", "7.1 ",
                "7.12345678901", "1000000000000", "NaN", "Infinity", "０.５", "٧.١", "7.1\u0000", "0x10", "1_000"}) {
            assertThat(RateText.parse(bad)).as("'%s'", bad).isEmpty();
        }
        assertThat(RateText.parse(null)).isEmpty();
        assertThat(RateText.format(r("7.1234000000"))).isEqualTo("7.1234");
        assertThat(RateText.format(r("100.0000000000"))).isEqualTo("100");
        assertThat(RateText.format(r("0.0000000001"))).isEqualTo("0.0000000001");
    }

    // ---- properties ----

    /**
     * Rates of every magnitude the column keeps, 0.0000000001 to 999999999999.9999999999: a mantissa of up to five
     * digits times a power of ten, so small and large rates come up as often as ordinary ones.
     */
    @Provide
    Arbitrary<BigDecimal> rates() {
        Arbitrary<BigInteger> mantissa = Arbitraries.integers().between(1, 99_999).withDistribution(RandomDistribution.uniform())
                .map(BigInteger::valueOf);
        Arbitrary<Integer> exponent = Arbitraries.integers().between(0, 17).withDistribution(RandomDistribution.uniform());
        return net.jqwik.api.Combinators.combine(mantissa, exponent).as((m, e) -> m.multiply(BigInteger.TEN.pow(e)))
                .map(u -> new BigDecimal(u, RateText.MAX_FRACTION_DIGITS));
    }

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of(Currencies.SUPPORTED);
    }

    @Provide
    Arbitrary<Long> amounts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L),
                Arbitraries.longs().withDistribution(RandomDistribution.uniform()), Arbitraries.longs().between(-1_000, 1_000));
    }

    /** Amounts near the ends of a long, where a product overflows. */
    @Provide
    Arbitrary<Long> hugeAmounts() {
        Arbitrary<Long> positive = Arbitraries.longs().between(Long.MAX_VALUE / 1000, Long.MAX_VALUE).withDistribution(RandomDistribution.uniform());
        return Arbitraries.oneOf(positive, positive.map(a -> -a), Arbitraries.just(Long.MIN_VALUE));
    }

    /** The exact value, in minor units of {@code to}, that conversion rounds. */
    private static BigDecimal exact(long amount, String from, String to, BigDecimal rate) {
        return BigDecimal.valueOf(amount).multiply(rate).movePointRight(Currencies.minorUnits(to) - Currencies.minorUnits(from));
    }

    private static boolean fits(BigDecimal exact) {
        return exact.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE).subtract(BigDecimal.ONE)) < 0;
    }

    @Property(tries = 2000)
    void isWithinHalfAMinorUnitOfTheExactValue(@ForAll("amounts") long amount, @ForAll("currencies") String from,
                                              @ForAll("currencies") String to, @ForAll("rates") BigDecimal rate) {
        BigDecimal exact = exact(amount, from, to, rate);
        Assume.that(fits(exact));
        long converted = FxConversion.convert(amount, from, to, rate);
        BigDecimal error = BigDecimal.valueOf(converted).subtract(exact).abs();
        assertThat(error).isLessThanOrEqualTo(new BigDecimal("0.5"));
        if (error.compareTo(new BigDecimal("0.5")) == 0) {
            assertThat(Math.abs(converted)).as("a tie goes away from zero").isGreaterThan(exact.abs().longValue());
        }
    }

    @Property(tries = 2000)
    void isMonotonicInTheAmount(@ForAll("amounts") long a, @ForAll("amounts") long b, @ForAll("currencies") String from,
                                @ForAll("currencies") String to, @ForAll("rates") BigDecimal rate) {
        Assume.that(fits(exact(a, from, to, rate)) && fits(exact(b, from, to, rate)));
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        assertThat(FxConversion.convert(low, from, to, rate)).isLessThanOrEqualTo(FxConversion.convert(high, from, to, rate));
    }

    @Property(tries = 1000)
    void isSymmetricForNegativeAmounts(@ForAll("amounts") long amount, @ForAll("currencies") String from,
                                       @ForAll("currencies") String to, @ForAll("rates") BigDecimal rate) {
        Assume.that(amount != Long.MIN_VALUE && fits(exact(amount, from, to, rate)));
        assertThat(FxConversion.convert(-amount, from, to, rate)).isEqualTo(-FxConversion.convert(amount, from, to, rate));
    }

    @Property(tries = 500, maxDiscardRatio = 20)
    void aResultBeyondALongIsRefusedNeverWrapped(@ForAll("hugeAmounts") long amount, @ForAll("currencies") String from,
                                                 @ForAll("currencies") String to, @ForAll("rates") BigDecimal rate) {
        BigDecimal exact = exact(amount, from, to, rate);
        Assume.that(exact.abs().compareTo(new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE)) > 0);
        assertThatThrownBy(() -> FxConversion.convert(amount, from, to, rate)).isInstanceOf(ArithmeticException.class);
    }
}
