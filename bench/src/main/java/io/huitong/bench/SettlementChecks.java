package io.huitong.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.huitong.bench.BenchSupport.*;

/** What the database says after the run: the lines, the settlements and payouts, and whether each movement settled once. */
record SettlementChecks(long payments, long refunds, long lines, long paymentLines, long refundLines, long settlements, long carriedForward,
              long net, long payouts, Map<String, Long> payoutsByStatus, long pendingLeft, List<String> problems) {

    static SettlementChecks of(Connection c, String runId) throws SQLException {
        List<String> problems = new ArrayList<>();
        long payments = count(c, "select count(*) from payment");
        long refunds = count(c, "select count(*) from refund");
        long lines = count(c, "select count(*) from settlement_line");
        long paymentLines = count(c, "select count(*) from settlement_line where kind = 'payment'");
        long refundLines = count(c, "select count(*) from settlement_line where kind = 'refund'");
        problem(problems, count(c, "select count(*) from payment p where not exists"
                + " (select 1 from settlement_line l where l.line_key = p.id)"), "payments in no line");
        problem(problems, count(c, "select count(*) from refund r where not exists"
                + " (select 1 from settlement_line l where l.line_key = r.id)"), "refunds in no line");
        problem(problems, count(c, "select count(*) from (select object_id from settlement_line group by object_id having count(*) > 1) d"),
                "movements in more than one line");
        problem(problems, count(c, "select count(*) from settlement_line l where l.kind not in ('payment', 'refund')"
                + " or (l.kind = 'payment' and not exists (select 1 from payment p where p.id = l.line_key and p.id = l.object_id))"
                + " or (l.kind = 'refund' and not exists (select 1 from refund r where r.id = l.line_key and r.id = l.object_id))"),
                "lines that are not a payment or refund of their own (a fee apart, an adjustment)");
        problem(problems, count(c, "select count(*) from settlement_line l join payment p on p.id = l.line_key"
                + " where l.gross <> p.amount or l.fee <> p.fee or l.refund <> 0 or l.adjustment <> 0 or l.net <> p.amount - p.fee"),
                "payment lines whose amounts are not the payment's");
        problem(problems, count(c, "select count(*) from settlement_line l join refund r on r.id = l.line_key"
                + " where l.gross <> 0 or l.fee <> 0 or l.refund <> r.amount or l.adjustment <> 0 or l.net <> -r.amount"),
                "refund lines whose amounts are not the refund's");
        problem(problems, count(c, "select count(*) from settlement_line l left join settlement s on s.id = l.settlement_id"
                + " where s.run_id is distinct from '" + runId.replace("'", "") + "'"), "lines of no settlement of the run");
        problem(problems, count(c, "select count(*) from settlement s where s.lines_count <> (select count(*) from settlement_line l"
                + " where l.settlement_id = s.id) or s.source_net <> (select coalesce(sum(l.net), 0) from settlement_line l"
                + " where l.settlement_id = s.id) + s.carried_in - s.carried_forward"), "settlements whose totals are not their lines'");
        long settlements;
        long carried;
        long net;
        try (PreparedStatement ps = c.prepareStatement("select count(*), count(*) filter (where status = 'carried_forward'),"
                + " coalesce(sum(net), 0) from settlement where run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                settlements = rs.getLong(1);
                carried = rs.getLong(2);
                net = rs.getLong(3);
            }
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long payouts = 0;
        try (PreparedStatement ps = c.prepareStatement("select p.status, count(*) from payout p join settlement s on s.id = p.settlement_id"
                + " where s.run_id = ? group by p.status order by count(*) desc")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                    payouts += rs.getLong(2);
                }
            }
        }
        // what is left on the merchants' pending balances (credits less debits, the shards' included) beyond what a
        // settlement carried forward: nothing, when every movement before the cut-off settled
        long pendingLeft = count(c, "select coalesce(sum(a.credits_posted - a.debits_posted"
                + " + coalesce((select sum(s.credits_posted - s.debits_posted) from ledger_account_shard s where s.account_id = a.id), 0)), 0)"
                + " - (select coalesce(sum(carried), 0) from settlement_position)"
                + " from ledger_account a where a.id like 'mer\\_%:pending:%' escape '\\'");
        problem(problems, pendingLeft == 0 ? 0 : 1, "merchants' pending balances not settled (" + pendingLeft + " minor units)");
        return new SettlementChecks(payments, refunds, lines, paymentLines, refundLines, settlements, carried, net, payouts, byStatus, pendingLeft,
                problems);
    }

    private static void problem(List<String> problems, long count, String what) {
        if (count != 0) {
            problems.add(count + " " + what);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
