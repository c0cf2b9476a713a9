package io.huitong.web.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.web.settlement.SettlementHistory.Payment;
import io.huitong.web.settlement.SettlementHistory.Refund;
import io.huitong.web.settlement.SettlementTestSupport.Shop;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What must hold after any sequence of payments, refunds and runs: clearing error zero, to the minor unit. Each
 * merchant's movements in each currency are either settled (moved by a settlement or carried forward) or still on its
 * pending balance; every payment and refund is in one settlement line once it is due, in none before; a converted
 * settlement adds up as printed; the ledger balances. The ledger side is read from the database; the merchant side
 * from the API, and the settlements' source-currency figures, which the API does not show, from their rows.
 */
final class SettlementInvariants {

    /** A merchant's pending balance in its own currency: its movements other than the settlements' own transfers. */
    private static final String MOVEMENTS = """
            select coalesce(sum(case when e.direction = 'credit' then e.amount else -e.amount end), 0)
            from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
            where e.account_id = ? and e.layer = 'posted' and (t.code is null or t.code not in ('settlement', 'settlement_fx'))
              and e.created_at >= ? and e.created_at < ?
            """;

    private static final OffsetDateTime END_OF_TIME = OffsetDateTime.parse("2100-01-01T00:00:00Z");

    private final SettlementTestSupport test;
    private final JdbcClient jdbc;
    private final SettlementHistory history;

    SettlementInvariants(SettlementTestSupport test, JdbcClient jdbc, SettlementHistory history) {
        this.test = test;
        this.jdbc = jdbc;
        this.history = history;
    }

    /** The money of every merchant of the history adds up, and the ledger balances. */
    void money(String when) {
        for (Shop shop : history.shops) {
            for (String currency : history.currencies(shop)) {
                money(shop, currency, "seed " + history.seed + ", " + when + ", " + shop.id() + " (" + shop.schedule() + ", settles in "
                        + shop.settlementCurrency() + ") in " + currency);
            }
        }
        test.assertLedgerBalanced("seed " + history.seed + ", " + when);
    }

    private void money(Shop shop, String currency, String where) {
        String pending = shop.id() + ":pending:" + currency;
        OffsetDateTime bound = history.settledBefore(shop).atOffset(ZoneOffset.UTC);
        long due = jdbc.sql(MOVEMENTS).params(pending, Instant.EPOCH.atOffset(ZoneOffset.UTC), bound).query(Long.class).single();
        long notDue = jdbc.sql(MOVEMENTS).params(pending, bound, END_OF_TIME).query(Long.class).single();
        assertThat(due).as(where + ": the ledger's due movements, against what the test paid and refunded")
                .isEqualTo(history.movements(shop, currency, true));
        assertThat(notDue).as(where + ": the ledger's movements not due yet, against what the test paid and refunded")
                .isEqualTo(history.movements(shop, currency, false));

        long moved = jdbc.sql("select coalesce(sum(source_net), 0) from settlement where merchant_id = ? and source_currency = ?"
                + " and status <> 'carried_forward'").params(shop.id(), currency).query(Long.class).single();
        long movedOnLedger = jdbc.sql("select coalesce(sum(e.amount), 0) from ledger_entry e join ledger_transfer t on t.id = e.transfer_id"
                + " where e.account_id = ? and e.layer = 'posted' and e.direction = 'debit' and t.code = 'settlement'")
                .param(pending).query(Long.class).single();
        long carried = jdbc.sql("select coalesce(max(carried), 0) from settlement_position where merchant_id = ? and currency = ?")
                .params(shop.id(), currency).query(Long.class).single();
        assertThat(movedOnLedger).as(where + ": the settlements' transfers out of the pending balance").isEqualTo(moved);
        assertThat(carried).as(where + ": a carried balance is never positive").isLessThanOrEqualTo(0);
        assertThat(moved + carried).as(where + ": moved by settlements plus carried forward is what was due").isEqualTo(due);
        assertThat(test.pending(shop, currency)).as(where + ": the pending balance is what is carried plus what is not due yet")
                .isEqualTo(carried + notDue);
        List<Long> lastCarried = jdbc.sql("select carried_forward from settlement where merchant_id = ? and source_currency = ?"
                + " order by created_at desc, id desc").params(shop.id(), currency).query(Long.class).list();
        if (!lastCarried.isEmpty()) {
            assertThat(lastCarried.getFirst()).as(where + ": the position carries what its last settlement carried forward").isEqualTo(carried);
        }
    }

    /** Every payment and refund in one settlement line once it is due, in none before, and each settlement adds up. */
    void lines(String when) {
        for (Shop shop : history.shops) {
            String where = "seed " + history.seed + ", " + when + ", " + shop.id() + " (" + shop.schedule() + ", settles in "
                    + shop.settlementCurrency() + ")";
            Map<String, JsonNode> seen = new HashMap<>();
            for (JsonNode s : test.settlements(shop)) {
                String id = s.path("id").asString();
                List<JsonNode> lines = test.lines(shop, id);
                settlement(shop, s, lines, where + ", settlement " + id);
                for (JsonNode line : lines) {
                    JsonNode before = seen.put(line.path("source").asString(), line);
                    assertThat(before).as(where + ": " + line.path("source").asString() + " is in a second line " + line).isNull();
                }
            }
            int expected = 0;
            for (Payment p : history.payments) {
                if (p.shop().equals(shop)) {
                    expected += expectLine(seen.get(p.id()), history.settled(shop, p.at()), "payment", p.amount(), where + ", payment " + p);
                }
            }
            for (Refund r : history.refunds) {
                if (r.payment().shop().equals(shop)) {
                    expected += expectLine(seen.get(r.id()), history.settled(shop, r.at()), "refund", r.amount(), where + ", refund " + r);
                }
            }
            assertThat(seen).as(where + ": no line but the payments' and refunds'").hasSize(expected);
        }
    }

    private static int expectLine(JsonNode line, boolean settled, String kind, long amount, String where) {
        if (!settled) {
            assertThat(line).as(where + ": not due yet, in no line").isNull();
            return 0;
        }
        assertThat(line).as(where + ": due, in one line").isNotNull();
        assertThat(line.path("kind").asString()).as(where).isEqualTo(kind);
        assertThat(line.path(kind.equals("payment") ? "gross" : "refund").asLong()).as(where).isEqualTo(amount);
        return 1;
    }

    /** A settlement's figures against its lines, in the source currency, and as converted when it converts. */
    private void settlement(Shop shop, JsonNode s, List<JsonNode> lines, String where) {
        Map<String, Object> row = jdbc.sql("select source_currency, source_gross, source_fees, source_refunds, source_adjustments, source_net,"
                + " carried_in from settlement where id = ?").param(s.path("id").asString()).query().singleRow();
        String source = (String) row.get("source_currency");
        long gross = number(row, "source_gross");
        long fees = number(row, "source_fees");
        long refunds = number(row, "source_refunds");
        long adjustments = number(row, "source_adjustments");
        long net = number(row, "source_net");
        long carriedIn = number(row, "carried_in");
        long[] sums = new long[5];
        for (JsonNode line : lines) {
            long[] l = {line.path("gross").asLong(), line.path("fee").asLong(), line.path("refund").asLong(), line.path("adjustment").asLong(),
                    line.path("net").asLong()};
            assertThat(l[4]).as(where + ": line " + line).isEqualTo(l[0] - l[1] - l[2] + l[3]);
            assertThat(line.path("currency").asString()).as(where + ": line " + line).isEqualTo(source);
            for (int i = 0; i < 5; i++) {
                sums[i] += l[i];
            }
        }
        assertThat(s.path("lines_count").asInt()).as(where).isEqualTo(lines.size());
        assertThat(new long[] {gross, fees, refunds, adjustments, net - carriedIn}).as(where + ": source figures against the lines' sums")
                .containsExactly(sums);
        assertThat(net).as(where + ": source net").isEqualTo(gross - fees - refunds + adjustments + carriedIn);
        assertThat(s.path("currency").asString()).as(where).isEqualTo(shop.settlementCurrency());
        long shownNet = s.path("net").asLong();
        if (s.path("fx").isNull()) {
            assertThat(source).as(where).isEqualTo(shop.settlementCurrency());
            assertThat(new long[] {s.path("gross").asLong(), s.path("fees").asLong(), s.path("refunds").asLong(), s.path("adjustments").asLong(),
                    shownNet}).as(where + ": shown as in the source currency").containsExactly(gross, fees, refunds, adjustments + carriedIn, net);
        } else {
            BigDecimal rate = new BigDecimal(s.path("fx").path("rate").asString());
            assertThat(s.path("fx").path("from_currency").asString()).as(where).isEqualTo(source);
            assertThat(new long[] {s.path("gross").asLong(), s.path("fees").asLong(), s.path("refunds").asLong(), s.path("adjustments").asLong()})
                    .as(where + ": each figure converted half-up at " + rate)
                    .containsExactly(convert(gross, rate), convert(fees, rate), convert(refunds, rate), convert(adjustments + carriedIn, rate));
            assertThat(shownNet).as(where + ": net = gross - fees - refunds + adjustments")
                    .isEqualTo(s.path("gross").asLong() - s.path("fees").asLong() - s.path("refunds").asLong() + s.path("adjustments").asLong());
        }
        boolean paid = !s.path("status").asString().equals("carried_forward");
        assertThat(s.path("carried_forward").asLong()).as(where + ": carried forward " + s).isEqualTo(paid ? 0 : net);
        if (paid) {
            assertThat(net).as(where + ": what moves is positive in the source currency " + s).isPositive();
            assertThat(shownNet).as(where + ": what is paid is positive " + s).isPositive();
        }
    }

    /** Minor units of one two-digit currency in another's, at a rate, rounded half up (a tie away from zero). */
    private static long convert(long minor, BigDecimal rate) {
        return BigDecimal.valueOf(minor).multiply(rate).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
