package io.huitong.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorrectionTest {

    static final String CLEARING = "platform:card_clearing:CNY";

    @Test
    void aChannelThatPaidLessLowersWhatItOwes() {
        Correction c = Correction.of(Correction.Action.ADJUST, BreakClass.AMOUNT_MISMATCH, 1_800L, 1_700L, "CNY", CLEARING);
        assertThat(c).isEqualTo(new Correction.Transfer("platform:reconciliation_adjustments:CNY", CLEARING, 100, "CNY", -100));
    }

    @Test
    void aLineWeNeverBookedIsBookedAgainstTheWriteOffs() {
        Correction c = Correction.of(Correction.Action.WRITE_OFF, BreakClass.MISSING_IN_LEDGER, null, 1_000L, "CNY", CLEARING);
        assertThat(c).isEqualTo(new Correction.Transfer(CLEARING, "platform:write_offs:CNY", 1_000, "CNY", 1_000));
    }

    @Test
    void aRefundTheChannelNeverMadeGivesTheMoneyBackToClearing() {
        Correction c = Correction.of(Correction.Action.ADJUST, BreakClass.TIMING, -300L, null, "CNY", CLEARING);
        assertThat(c).isEqualTo(new Correction.Transfer(CLEARING, "platform:reconciliation_adjustments:CNY", 300, "CNY", 300));
    }

    @Test
    void acceptingPostsNothingAndSomeBreaksCannotBeCorrected() {
        assertThat(Correction.of(Correction.Action.ACCEPT, BreakClass.TIMING, 100L, null, "CNY", CLEARING)).isInstanceOf(Correction.None.class);
        assertThat(Correction.of(Correction.Action.ADJUST, BreakClass.CURRENCY_MISMATCH, 100L, 100L, "CNY", CLEARING))
                .isInstanceOf(Correction.Refused.class);
        assertThat(Correction.of(Correction.Action.WRITE_OFF, BreakClass.DUPLICATE, 0L, 0L, "CNY", CLEARING)).isInstanceOf(Correction.Refused.class);
    }
}
