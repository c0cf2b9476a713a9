package io.huitong.reconciliation.internal;

import io.huitong.reconciliation.domain.StatementFormat;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The passes of matching, each one SQL statement over the whole statement (set by set, never a round trip per line):
 * duplicates, then the same day's records by our reference, which pairs nearly everything and is only counted; what it
 * leaves over goes to {@code reconciliation_leftover}, which the later passes ({@link LeftoverPasses}) work through.
 *
 * <p>Our records are read from the ledger as they are: the posted entries of the channel's clearing accounts on the
 * business date, signed as the statement's lines are (a debit of the clearing account is money the channel owes or
 * paid us), grouped by our reference (the payment's id for payments, the refund's for refunds, the transfer's
 * reference otherwise). Where acquirers share the card clearing account, payments and refunds count for the channel
 * they went through; the payouts of a batch the bank books as one entry are one record of the batch.
 *
 * <p>Named parameters throughout: {@code id} (the reconciliation), {@code channel}, {@code date} (its business date,
 * where a difference arises), {@code now}, {@code base} (the id prefix of the pass's items, {@code rbk_...}); for our
 * records {@code accounts}, {@code from}, {@code to} and {@code corrections} (codes of transfers that are not records).
 */
final class MatchPasses {

    /** A statement's lines by reference (duplicates aside): what they moved, in which currencies, whether failed or reversed. */
    static final String LINE_GROUPS = """
            select reference, sum(case when failed then 0 else amount end) as net, min(currency) as cur,
                   min(currency) <> max(currency) as mixed, max(case when failed or reversal then 1 else 0 end) = 1 as flagged,
                   count(*) as n, min(line_no) as first_line, min(channel_reference) as channel_reference, min(occurred_at) as occurred_at
            from reconciliation_line where reconciliation_id = :id and not duplicate group by reference""";

    private static final String OUR_REFERENCE = "case when t.code = 'refund' then t.id else coalesce(t.reference, t.id) end";

    /** The class of lines l paired with records r: failed or reversed where ours moved, currency, amount, or matched. */
    static final String CLASSIFY = """
            case when l.flagged and l.net <> r.net then 'status_mismatch'
                 when l.mixed or r.mixed or l.cur <> r.cur then 'currency_mismatch'
                 when l.net <> r.net then 'amount_mismatch' else 'matched' end""";

    static final String ITEM_COLUMNS = "id, reconciliation_id, class, matched_by, reference, channel_reference, line_key, record_key,"
            + " our_amount, channel_amount, currency, lines, first_line, origin_date, status, created_at, updated_at";

    /**
     * A payout's record when we sent it in a batch the bank books as one entry (see {@link #recordGroups}): the batch's
     * reference, unless this statement has a line of the payout's own (a bank that booked the batch payout by payout).
     */
    private static final String BATCHED_REFERENCE = "case when po.batch_reference is not null and not exists (select 1 from reconciliation_line x"
            + " where x.reconciliation_id = :id and x.reference = po.id) then po.batch_reference else " + OUR_REFERENCE + " end";

    /**
     * Our records of the day by reference. Card acquirers share the clearing account: a payment or refund counts for the
     * acquirer it went through. The bank books a batch of payouts we sent as one (a pain.001 of several, whose reference
     * each payout keeps) as one entry named by the batch: there the payouts of a batch are one record under its
     * reference, what they moved added up, so that the batch's line pairs with them by reference like any other line,
     * and a difference is one break of the batch.
     */
    static String recordGroups(StatementFormat format) {
        boolean shared = format == StatementFormat.ACQUIRER_SETTLEMENT;
        String from = " from ledger_entry e join ledger_transfer t on t.id = e.transfer_id"
                + (shared ? " left join payment p on t.code = 'payment' and p.id = t.reference left join refund rf on t.code = 'refund' and rf.id = t.id" : "")
                + (format == StatementFormat.CAMT_053 ? " left join payout po on t.code = 'payout' and po.id = t.reference" : "")
                + " where e.account_id in (:accounts) and e.layer = 'posted' and e.created_at >= :from and e.created_at < :to"
                + " and (t.code is null or t.code not in (:corrections))"
                + (shared ? " and (t.code is null or t.code not in ('payment', 'refund') or p.channel = :channel or rf.channel = :channel)" : "");
        String net = "case when e.direction = 'debit' then e.amount else -e.amount end";
        if (format == StatementFormat.CAMT_053) {
            return "select reference, sum(net) as net, min(cur) as cur, min(cur) <> max(cur) as mixed, min(booked_at) as booked_at"
                    + " from (select " + BATCHED_REFERENCE + " as reference, " + net + " as net, e.currency as cur, e.created_at as booked_at"
                    + from + ") b group by reference";
        }
        return "select " + OUR_REFERENCE + " as reference, sum(" + net + ") as net, min(e.currency) as cur, min(e.currency) <> max(e.currency)"
                + " as mixed, min(e.created_at) as booked_at" + from + " group by " + OUR_REFERENCE;
    }

    /** The item id: the pass's base and a nine-digit sequence in the order of {@code order}. */
    static String itemId(String order) {
        return "cast(:base as varchar(40)) || lpad(cast(row_number() over (order by " + order + ") as varchar(12)), 9, '0')";
    }

    /**
     * Inserts one item per row of {@code pairs}, whose columns are reference, channel_reference, line_key, record_key,
     * our_net, line_net, cur, n, first_line and class.
     */
    static String insertItems(String matchedBy, String pairs) {
        return "insert into reconciliation_item (" + ITEM_COLUMNS + ") select " + itemId("p.first_line, p.reference") + ", :id, p.class, "
                + (matchedBy == null ? "null" : "'" + matchedBy + "'") + ", p.reference, p.channel_reference, p.line_key, p.record_key, p.our_net,"
                + " p.line_net, p.cur, p.n, p.first_line, :date, case when p.class = 'matched' then null else 'open' end, :now, :now"
                + " from (" + pairs + ") p";
    }

    private final JdbcClient jdbc;

    MatchPasses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int run(String sql, Map<String, ?> params) {
        return jdbc.sql(sql).params(params).update();
    }

    long count(String sql, Map<String, ?> params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Lines repeating an earlier line of the statement (same reference, a reversal only a reversal): one break each. */
    int duplicates(Map<String, ?> p) {
        int n = run("""
                update reconciliation_line l set duplicate = true where l.reconciliation_id = :id and exists (select 1 from reconciliation_line d
                where d.reconciliation_id = l.reconciliation_id and d.reference = l.reference and d.reversal = l.reversal and d.line_no < l.line_no)""",
                p);
        if (n > 0) {
            run("insert into reconciliation_item (" + ITEM_COLUMNS + ") select " + itemId("l.line_no") + ", :id, 'duplicate', null,"
                    + " l.reference, l.channel_reference, null, null, null, case when l.failed then 0 else l.amount end, l.currency, 1, l.line_no,"
                    + " :date, 'open', :now, :now from reconciliation_line l where l.reconciliation_id = :id and l.duplicate", p);
        }
        return n;
    }

    /**
     * The statement's lines against the same day's records, by our reference: what agrees is only counted; lines without
     * records (L), records without lines (R) and lines and records that disagree (P) are left over. One full join on
     * PostgreSQL; H2, which has none, groups the records once into the leftovers and looks each line's up there by key.
     * Answers how many statement lines are left over.
     */
    long sameDay(Map<String, ?> p, StatementFormat format, boolean fullJoin) {
        String insert = "insert into reconciliation_leftover (reconciliation_id, side, reference, channel_reference, line_net, line_currency,"
                + " line_mixed, flagged, lines, first_line, line_epoch, our_net, our_currency, our_mixed, our_epoch)";
        String columns = " select :id, case when l.reference is null then 'R' when r.reference is null then 'L' else 'P' end,"
                + " coalesce(l.reference, r.reference), l.channel_reference, l.net, l.cur, l.mixed, l.flagged, coalesce(l.n, 0), l.first_line,"
                + " cast(extract(epoch from l.occurred_at) as bigint), r.net, r.cur, r.mixed, cast(extract(epoch from r.booked_at) as bigint)";
        String disagree = " where l.reference is null or r.reference is null or l.mixed or r.mixed or l.cur <> r.cur or l.net <> r.net";
        if (fullJoin) {
            run(insert + columns + " from (" + LINE_GROUPS + ") l full join (" + recordGroups(format) + ") r on r.reference = l.reference"
                    + disagree, p);
        } else {
            // H2 joins a derived table by running it again for every row it is joined to, and our records' reference is an
            // expression no index has: joined to the lines, they would be grouped again for every line. They are grouped
            // once, into the leftovers as records without lines; the lines look them up there by key, and those with a line
            // leave (agreeing, or left over with it)
            run(insert + " select :id, 'R', r.reference, null, null, null, null, null, 0, null, null, r.net, r.cur, r.mixed,"
                    + " cast(extract(epoch from r.booked_at) as bigint) from (" + recordGroups(format) + ") r", p);
            run(insert + " select :id, case when r.reference is null then 'L' else 'P' end, l.reference, l.channel_reference, l.net, l.cur,"
                    + " l.mixed, l.flagged, l.n, l.first_line, cast(extract(epoch from l.occurred_at) as bigint), r.our_net, r.our_currency,"
                    + " r.our_mixed, r.our_epoch from (" + LINE_GROUPS + ") l left join reconciliation_leftover r on r.reconciliation_id = :id"
                    + " and r.side = 'R' and r.reference = l.reference where r.reference is null or l.mixed or r.our_mixed"
                    + " or l.cur <> r.our_currency or l.net <> r.our_net", p);
            run("delete from reconciliation_leftover where reconciliation_id = :id and side = 'R' and exists (select 1 from reconciliation_line x"
                    + " where x.reconciliation_id = :id and x.reference = reconciliation_leftover.reference)", p);
        }
        return count("select coalesce(sum(lines), 0) from reconciliation_leftover where reconciliation_id = :id and side in ('L', 'P')", p);
    }

    /** The same day's lines and records that share our reference but disagree: a break each. */
    int disagreements(Map<String, ?> p) {
        int n = run(insertItems("reference", "select l.reference, coalesce(l.channel_reference, r.channel_reference) as channel_reference,"
                + " l.reference as line_key, r.reference as record_key, r.net as our_net, l.net as line_net, l.cur, l.n, l.first_line, "
                + CLASSIFY + " as class from (" + LeftoverPasses.lines("P") + ") l join (" + LeftoverPasses.records("P") + ") r"
                + " on r.reference = l.reference"), p);
        run("delete from reconciliation_leftover where reconciliation_id = :id and side = 'P'", p);
        // the channel's reference of records left over, for the pass that pairs by it; payments carry it
        run("update reconciliation_leftover set channel_reference = (select p.channel_reference from payment p"
                + " where p.id = reconciliation_leftover.reference) where reconciliation_id = :id and side = 'R'", p);
        return n;
    }
}
