package io.huitong.reconciliation.internal;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The passes of matching, each one SQL statement over the whole statement (set by set, never a round trip per line):
 * duplicates, then the same day's records by our reference (which pairs nearly everything); what that leaves over goes
 * to {@code reconciliation_leftover}, which the later passes ({@link LeftoverPasses}) work through.
 *
 * <p>Named parameters throughout: {@code id} (the reconciliation), {@code channel}, {@code date} (its business date,
 * where a difference arises), {@code now}, {@code base} (the id prefix of the pass's items, {@code rbk_...}).
 */
final class MatchPasses {

    /** A statement's lines by reference (duplicates aside): what they moved, in which currencies, whether failed or reversed. */
    static final String LINE_GROUPS = """
            select reference, sum(case when failed then 0 else amount end) as net, min(currency) as cur,
                   min(currency) <> max(currency) as mixed, max(case when failed or reversal then 1 else 0 end) = 1 as flagged,
                   count(*) as n, min(line_no) as first_line, min(channel_reference) as channel_reference, min(occurred_at) as occurred_at
            from reconciliation_line where reconciliation_id = :id and not duplicate group by reference""";

    static final String RECORD_GROUPS = """
            select reference, sum(amount) as net, min(currency) as cur, min(currency) <> max(currency) as mixed,
                   min(channel_reference) as channel_reference, min(booked_at) as booked_at
            from reconciliation_record where reconciliation_id = :id group by reference""";

    /** The class of lines l paired with records r: failed or reversed where ours moved, currency, amount, or matched. */
    static final String CLASSIFY = """
            case when l.flagged and l.net <> r.net then 'status_mismatch'
                 when l.mixed or r.mixed or l.cur <> r.cur then 'currency_mismatch'
                 when l.net <> r.net then 'amount_mismatch' else 'matched' end""";

    static final String ITEM_COLUMNS = "id, reconciliation_id, class, matched_by, reference, channel_reference, line_key, record_key,"
            + " our_amount, channel_amount, currency, lines, first_line, origin_date, status, created_at, updated_at";

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
                + (matchedBy == null ? "null" : "'" + matchedBy + "'") + ", p.reference, p.channel_reference, p.line_key, p.record_key, p.our_net, p.line_net, p.cur, p.n,"
                + " p.first_line, :date, case when p.class = 'matched' then null else 'open' end, :now, :now from (" + pairs + ") p";
    }

    private final JdbcClient jdbc;

    MatchPasses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int run(String sql, Map<String, ?> params) {
        return jdbc.sql(sql).params(params).update();
    }

    /** Lines repeating an earlier line of the statement (same reference, a reversal only a reversal): one break each. */
    int duplicates(Map<String, ?> p) {
        run("""
                update reconciliation_line l set duplicate = true where l.reconciliation_id = :id and exists (select 1 from reconciliation_line d
                where d.reconciliation_id = l.reconciliation_id and d.reference = l.reference and d.reversal = l.reversal and d.line_no < l.line_no)""",
                p);
        return run("insert into reconciliation_item (" + ITEM_COLUMNS + ") select " + itemId("l.line_no") + ", :id, 'duplicate', null,"
                + " l.reference, l.channel_reference, null, null, null, case when l.failed then 0 else l.amount end, l.currency, 1, l.line_no,"
                + " :date, 'open', :now, :now from reconciliation_line l where l.reconciliation_id = :id and l.duplicate", p);
    }

    /** The statement's lines and the same day's records that share our reference. */
    int sameDay(Map<String, ?> p) {
        return run(insertItems("reference", "select l.reference, coalesce(l.channel_reference, r.channel_reference) as channel_reference,"
                + " l.reference as line_key, r.reference as record_key, r.net as our_net, l.net as line_net, l.cur, l.n, l.first_line, "
                + CLASSIFY + " as class from (" + LINE_GROUPS + ") l join (" + RECORD_GROUPS + ") r on r.reference = l.reference"), p);
    }

    /** The line groups and record groups the same-day pass left: those with no counterpart of the same reference that day. */
    void leaveOver(Map<String, ?> p) {
        run("insert into reconciliation_leftover (reconciliation_id, side, reference, channel_reference, net, currency, mixed_currency, flagged,"
                + " lines, first_line, at_epoch) select :id, 'L', l.reference, l.channel_reference, l.net, l.cur, l.mixed, l.flagged, l.n,"
                + " l.first_line, cast(extract(epoch from l.occurred_at) as bigint) from (" + LINE_GROUPS + ") l where not exists"
                + " (select 1 from reconciliation_record r where r.reconciliation_id = :id and r.reference = l.reference)", p);
        run("insert into reconciliation_leftover (reconciliation_id, side, reference, channel_reference, net, currency, mixed_currency, flagged,"
                + " lines, first_line, at_epoch) select :id, 'R', r.reference, r.channel_reference, r.net, r.cur, r.mixed, false, 0, null,"
                + " cast(extract(epoch from r.booked_at) as bigint) from (" + RECORD_GROUPS + ") r where not exists"
                + " (select 1 from reconciliation_line l where l.reconciliation_id = :id and l.reference = r.reference)", p);
    }
}
