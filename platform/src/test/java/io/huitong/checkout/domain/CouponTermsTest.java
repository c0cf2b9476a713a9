package io.huitong.checkout.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.checkout.CouponVerdict;
import io.huitong.checkout.CouponVerdict.Reason;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** A coupon's terms judged without Spring or a database. */
class CouponTermsTest {

    static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    static CouponTerms percent(int percent) {
        return new CouponTerms(null, percent, null, null, null, null, null);
    }

    @Test
    void aPercentageIsRoundedHalfUpToTheMinorUnit() {
        assertThat(percent(15).judge(12_800, "CNY", NOW, 0)).isEqualTo(new CouponVerdict.Applies(1_920, 10_880));
        assertThat(percent(10).judge(105, "CNY", NOW, 0)).isEqualTo(new CouponVerdict.Applies(11, 94));
        assertThat(percent(10).judge(104, "CNY", NOW, 0)).isEqualTo(new CouponVerdict.Applies(10, 94));
        assertThat(percent(15).judge(1, "CNY", NOW, 0)).isEqualTo(new CouponVerdict.Applies(0, 1));
        assertThat(percent(99).judge(99_999_999_999L, "CNY", NOW, 0)).isEqualTo(new CouponVerdict.Applies(98_999_999_999L, 1_000_000_000));
    }

    @Test
    void anAmountOffAppliesToItsCurrencyAndNeverTakesTheTotalToZero() {
        CouponTerms tenYuan = new CouponTerms(1_000L, null, "CNY", null, null, null, null);
        assertThat(tenYuan.judge(5_000, "CNY", NOW, 0)).isEqualTo(new CouponVerdict.Applies(1_000, 4_000));
        assertThat(tenYuan.judge(5_000, "USD", NOW, 0)).isEqualTo(new CouponVerdict.Refused(Reason.CURRENCY));
        assertThat(tenYuan.judge(1_000, "CNY", NOW, 0)).isEqualTo(new CouponVerdict.Refused(Reason.EXCEEDS_TOTAL));
        assertThat(tenYuan.judge(1_001, "CNY", NOW, 0)).isEqualTo(new CouponVerdict.Applies(1_000, 1));
    }

    @Test
    void aCouponAppliesWithinItsWindowAboveItsMinimumWhileRedemptionsAreLeft() {
        CouponTerms terms = new CouponTerms(null, 10, null, 2_000L, NOW.minusSeconds(60), NOW.plusSeconds(60), 3);
        assertThat(terms.judge(2_000, "CNY", NOW, 2)).isInstanceOf(CouponVerdict.Applies.class);
        assertThat(terms.judge(1_999, "CNY", NOW, 0)).isEqualTo(new CouponVerdict.Refused(Reason.BELOW_MINIMUM));
        assertThat(terms.judge(2_000, "CNY", NOW, 3)).isEqualTo(new CouponVerdict.Refused(Reason.USED_UP));
        assertThat(terms.judge(2_000, "CNY", NOW.minusSeconds(61), 0)).isEqualTo(new CouponVerdict.Refused(Reason.NOT_YET_VALID));
        assertThat(terms.judge(2_000, "CNY", NOW.plusSeconds(60), 0)).isEqualTo(new CouponVerdict.Refused(Reason.EXPIRED));
    }

    @Property
    void aDiscountAndTheNewTotalAlwaysAddUpToTheAmount(@ForAll @LongRange(min = 1, max = 99_999_999_999L) long amount,
                                                       @ForAll @IntRange(min = 1, max = 99) int percent) {
        CouponVerdict verdict = percent(percent).judge(amount, "CNY", NOW, 0);
        if (verdict instanceof CouponVerdict.Applies applies) {
            assertThat(applies.discount() + applies.total()).isEqualTo(amount);
            assertThat(applies.total()).isPositive();
            // half up: the discount is within half a minor unit of the exact percentage
            assertThat(Math.abs(applies.discount() * 100 - amount * percent)).isLessThanOrEqualTo(50);
        } else {
            assertThat(verdict).isEqualTo(new CouponVerdict.Refused(Reason.EXCEEDS_TOTAL));
        }
    }

    @Test
    void anOpenSessionPastItsExpiryIsExpiredAndACompleteOneStaysComplete() {
        assertThat(SessionStatus.OPEN.at(NOW, NOW.plusSeconds(1))).isEqualTo(SessionStatus.OPEN);
        assertThat(SessionStatus.OPEN.at(NOW, NOW)).isEqualTo(SessionStatus.EXPIRED);
        assertThat(SessionStatus.COMPLETE.at(NOW, NOW.minusSeconds(1))).isEqualTo(SessionStatus.COMPLETE);
        assertThat(SessionStatus.EXPIRED.takesPayment()).isFalse();
    }
}
