package io.huitong.aml.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules on their own: thresholds at the boundary, same-day cumulation, currencies and each suspicious pattern. */
class AmlRulesTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOON = LocalDate.of(2026, 3, 10).atTime(12, 0).atZone(SHANGHAI).toInstant();

    private final Rates rates = new Rates(Map.of("USD", new BigDecimal("7.10"), "EUR", new BigDecimal("7.70")));
    private final AmlRules rules = new AmlRules(AmlSettings.defaults(), rates);
    private int sequence;

    private Txn txn(String customer, boolean organisation, boolean debit, String counterparty, long amount, String currency,
                    boolean crossBorder, boolean cash, Instant at) {
        return new Txn("t" + (++sequence), customer, organisation, debit, counterparty, amount, currency, crossBorder, cash, at,
                LocalDate.ofInstant(at, SHANGHAI));
    }

    private Txn out(long amount, Instant at) {
        return txn("usr_a", false, true, "+86 139****0001", amount, "CNY", false, false, at);
    }

    private List<Finding> evaluate(Txn t, Txn... history) {
        return rules.evaluate(t, List.of(history), null);
    }

    private static List<String> rules(List<Finding> findings, String type) {
        return findings.stream().filter(f -> f.type().equals(type)).map(Finding::rule).toList();
    }

    @Test
    void cashReportsAt50000ExactlyAndNotAt49999_99() {
        Txn under = txn("usr_a", false, false, null, 4_999_999L, "CNY", false, true, NOON);
        Txn at = txn("usr_b", false, false, null, 5_000_000L, "CNY", false, true, NOON);
        assertThat(rules(evaluate(under), "large_value")).isEmpty();
        assertThat(rules(evaluate(at), "large_value")).containsExactly("cash");
    }

    @Test
    void anIndividualsDomesticTransferReportsAt500000ExactlyAndNotAt499999_99() {
        assertThat(rules(evaluate(out(49_999_999L, NOON)), "large_value")).isEmpty();
        assertThat(rules(evaluate(out(50_000_000L, NOON)), "large_value")).containsExactly("individual_transfer");
    }

    @Test
    void moneyArrivingIsNoTransferFromTheCustomersAccount() {
        Txn in = txn("usr_a", false, false, "+86 139****0001", 90_000_000L, "CNY", false, false, NOON);
        assertThat(rules(evaluate(in), "large_value")).isEmpty();
    }

    @Test
    void sameDayTransfersAddUpAndTheReportListsThemAll() {
        Txn first = out(30_000_000L, NOON.minus(Duration.ofHours(3)));
        Txn second = out(20_000_000L, NOON);
        List<Finding> found = evaluate(second, first);
        Finding report = found.stream().filter(f -> f.rule().equals("individual_transfer")).findFirst().orElseThrow();
        assertThat(report.transactionIds()).containsExactly(first.id(), second.id());
        assertThat(report.businessDay()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(rules(evaluate(out(19_999_999L, NOON), first), "large_value")).isEmpty();
    }

    @Test
    void transfersAcrossMidnightInShanghaiDoNotAddUp() {
        Instant midnight = LocalDate.of(2026, 3, 11).atStartOfDay(SHANGHAI).toInstant();
        Txn before = out(30_000_000L, midnight.minusSeconds(60));
        Txn after = out(30_000_000L, midnight.plusSeconds(60));
        assertThat(rules(evaluate(after, before), "large_value")).isEmpty();
    }

    @Test
    void crossBorderTransfersOfAnIndividualReportFrom200000() {
        Txn under = txn("usr_a", false, true, "acct", 19_999_999L, "CNY", true, false, NOON);
        Txn at = txn("usr_a", false, true, "acct", 20_000_000L, "CNY", true, false, NOON);
        assertThat(rules(evaluate(under), "large_value")).isEmpty();
        assertThat(rules(evaluate(at), "large_value")).containsExactly("individual_cross_border_transfer");
    }

    @Test
    void foreignCurrencyIsComparedWithTheUsdFigure() {
        // USD 10,000.00 cross-border from an individual: exactly the figure
        Txn usd = txn("usr_a", false, true, "acct", 1_000_000L, "USD", true, false, NOON);
        Txn usdUnder = txn("usr_a", false, true, "acct", 999_999L, "USD", true, false, NOON);
        assertThat(rules(evaluate(usd), "large_value")).containsExactly("individual_cross_border_transfer");
        assertThat(rules(evaluate(usdUnder), "large_value")).isEmpty();
        // EUR 9,220.77 at 7.70 is 70,999.93 CNY, USD 9,999.99 at 7.10; EUR 9,220.78 is 71,000.01 CNY and reaches USD 10,000
        assertThat(rates.toUsd(922_077L, "EUR")).isEqualTo(999_999L);
        assertThat(rates.toUsd(922_078L, "EUR")).isEqualTo(1_000_000L);
        assertThat(rules(evaluate(txn("usr_a", false, true, "acct", 922_077L, "EUR", true, false, NOON)), "large_value")).isEmpty();
        assertThat(rules(evaluate(txn("usr_a", false, true, "acct", 922_078L, "EUR", true, false, NOON)), "large_value"))
                .containsExactly("individual_cross_border_transfer");
    }

    @Test
    void anOrganisationReportsFrom2000000() {
        Txn under = txn("mer_a", true, true, "payment:x", 199_999_999L, "CNY", false, false, NOON);
        Txn at = txn("mer_a", true, true, "payment:x", 200_000_000L, "CNY", false, false, NOON);
        assertThat(rules(evaluate(under), "large_value")).isEmpty();
        assertThat(rules(evaluate(at), "large_value")).containsExactly("organisation_transfer");
        // 600,000 from an organisation is no report: an individual's figure does not apply to it
        assertThat(rules(evaluate(txn("mer_a", true, true, "p", 60_000_000L, "CNY", false, false, NOON)), "large_value")).isEmpty();
    }

    @Test
    void structuringIsSeveralAmountsJustUnderAThreshold() {
        Txn a = out(46_000_000L, NOON.minus(Duration.ofHours(30)));
        Txn b = out(48_000_000L, NOON.minus(Duration.ofHours(10)));
        Txn c = out(49_900_000L, NOON);
        assertThat(rules(evaluate(c, a, b), "suspicious")).contains("structuring");
        // one of them well under (not within 10 %): no pattern
        Txn low = out(30_000_000L, NOON.minus(Duration.ofHours(10)));
        assertThat(rules(evaluate(c, a, low), "suspicious")).doesNotContain("structuring");
        // outside the window: no pattern
        Txn old = out(46_000_000L, NOON.minus(Duration.ofDays(8)));
        assertThat(rules(evaluate(c, old, b), "suspicious")).doesNotContain("structuring");
    }

    @Test
    void rapidInAndOutIsFundsReceivedAndMostlySentOnWithinHours() {
        Txn in = txn("usr_a", false, false, "+86 1", 10_000_000L, "CNY", false, false, NOON.minus(Duration.ofHours(2)));
        Txn sent = out(9_500_000L, NOON);
        Finding f = evaluate(sent, in).stream().filter(x -> x.rule().equals("rapid_in_out")).findFirst().orElseThrow();
        assertThat(f.transactionIds()).containsExactly(in.id(), sent.id());
        assertThat(rules(evaluate(out(5_000_000L, NOON), in), "suspicious")).doesNotContain("rapid_in_out");
        Txn longAgo = txn("usr_a", false, false, "+86 1", 10_000_000L, "CNY", false, false, NOON.minus(Duration.ofHours(30)));
        assertThat(rules(evaluate(sent, longAgo), "suspicious")).doesNotContain("rapid_in_out");
    }

    @Test
    void aDormantAccountSuddenlyActiveIsAlerted() {
        Txn t = out(2_000_000L, NOON);
        assertThat(rules(rules.evaluate(t, List.of(), NOON.minus(Duration.ofDays(200))), "suspicious")).contains("dormant_reactivated");
        assertThat(rules(rules.evaluate(t, List.of(), NOON.minus(Duration.ofDays(100))), "suspicious")).doesNotContain("dormant_reactivated");
        assertThat(rules(rules.evaluate(t, List.of(), null), "suspicious")).doesNotContain("dormant_reactivated");
        assertThat(rules(rules.evaluate(out(500_000L, NOON), List.of(), NOON.minus(Duration.ofDays(200))), "suspicious"))
                .doesNotContain("dormant_reactivated");
    }

    @Test
    void fanOutAndFanInCountDistinctCounterparties() {
        List<Txn> outs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            outs.add(txn("usr_a", false, true, "+86 " + i, 10_000L, "CNY", false, false, NOON.minus(Duration.ofMinutes(10 + i))));
        }
        Txn tenth = txn("usr_a", false, true, "+86 9", 10_000L, "CNY", false, false, NOON);
        Txn again = txn("usr_a", false, true, "+86 0", 10_000L, "CNY", false, false, NOON);
        assertThat(rules(evaluate(tenth, outs.toArray(Txn[]::new)), "suspicious")).contains("fan_out");
        assertThat(rules(evaluate(again, outs.toArray(Txn[]::new)), "suspicious")).doesNotContain("fan_out");
        List<Txn> ins = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ins.add(txn("usr_b", false, false, "+86 " + i, 10_000L, "CNY", false, false, NOON.minus(Duration.ofMinutes(10 + i))));
        }
        Txn in = txn("usr_b", false, false, "+86 9", 10_000L, "CNY", false, false, NOON);
        assertThat(rules(evaluate(in, ins.toArray(Txn[]::new)), "suspicious")).contains("fan_in");
    }

    @Test
    void roundAmountsAreSeveralWholeMultiplesOf10000() {
        Txn a = out(1_000_000L, NOON.minus(Duration.ofHours(5)));
        Txn b = out(3_000_000L, NOON.minus(Duration.ofHours(3)));
        Txn c = out(2_000_000L, NOON);
        assertThat(rules(evaluate(c, a, b), "suspicious")).contains("round_amounts");
        Txn notRound = out(2_000_001L, NOON.minus(Duration.ofHours(3)));
        assertThat(rules(evaluate(c, a, notRound), "suspicious")).doesNotContain("round_amounts");
    }

    @Test
    void ratesAreExactAndRoundDown() {
        assertThat(rates.toCny(100L, "USD")).isEqualTo(710L);
        assertThat(rates.toCny(1L, "EUR")).isEqualTo(7L);
        assertThat(rates.toUsd(710L, "CNY")).isEqualTo(100L);
        assertThat(rates.toUsd(709L, "CNY")).isEqualTo(99L);
    }
}
