package io.huitong.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * What a settlement moves: money moves only when the merchant is owed something in its own currency and gets something
 * in the settlement currency; otherwise the whole source net is carried forward, and nothing is lost either way.
 */
class NettingTest {

    @Property(tries = 3000)
    void moneyMovesOnlyWhenBothNetsArePositiveAndWhatDoesNotMoveIsCarried(@ForAll("totals") Netting.Totals totals,
                                                                          @ForAll("rates") BigDecimal rate) {
        Netting n = Netting.of(totals, "USD", "CNY", rate);
        assertThat(n.sourceNet()).isEqualTo(totals.gross() - totals.fees() - totals.refunds() + totals.adjustments() + totals.carriedIn());
        assertThat(n.net()).as("the net adds up as printed").isEqualTo(n.gross() - n.fees() - n.refunds() + n.adjustments());
        if (n.pays()) {
            assertThat(n.sourceNet()).as("what leaves the pending balance: " + n).isPositive();
            assertThat(n.net()).as("what reaches the available balance: " + n).isPositive();
            assertThat(n.carriedForward()).isZero();
        } else {
            assertThat(n.carriedForward()).as("all of it carried: " + n).isEqualTo(n.sourceNet());
        }
    }

    @Property(tries = 1000)
    void inOneCurrencyTheNetIsTheSourceNet(@ForAll("totals") Netting.Totals totals) {
        Netting n = Netting.of(totals, "CNY", "CNY", null);
        assertThat(n.net()).isEqualTo(n.sourceNet());
        assertThat(n.pays()).isEqualTo(n.sourceNet() > 0);
        assertThat(n.carriedForward()).isEqualTo(n.pays() ? 0 : n.sourceNet());
    }

    @Test
    void aZeroSourceNetThatRoundsUpWhenConvertedMovesNothing() {
        // 10.01 USD paid, 0.50 fee, 9.51 refunded: nothing owed; at 7.1234 the figures round to 71.31 - 3.56 - 67.74 = 0.01 CNY
        Netting n = Netting.of(new Netting.Totals(1001, 50, 951, 0, 0), "USD", "CNY", new BigDecimal("7.1234"));
        assertThat(n.sourceNet()).isZero();
        assertThat(n.net()).isEqualTo(1);
        assertThat(n.pays()).as("no money moves for a zero source net: the ledger takes no transfer of nothing").isFalse();
        assertThat(n.carriedForward()).isZero();
    }

    @Provide
    Arbitrary<Netting.Totals> totals() {
        Arbitrary<Long> amount = Arbitraries.longs().between(0, 20_000);
        return Combinators.combine(amount, amount, amount, Arbitraries.longs().between(-500, 500),
                Arbitraries.longs().between(-5_000, 0)).as(Netting.Totals::new);
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.0100"), new BigDecimal("12.0000")).ofScale(4);
    }
}
