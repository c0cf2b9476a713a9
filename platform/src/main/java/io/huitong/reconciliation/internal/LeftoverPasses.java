package io.huitong.reconciliation.internal;

import java.util.Map;

/**
 * The passes over what the same-day match left ({@code reconciliation_leftover}: few rows, however large the statement),
 * in order of certainty: our reference on other statements of the channel (a line a day late, or a day early), the
 * channel's reference, amount and currency within the time tolerance (one to one only); then what is left is missing on
 * one side. Each pass takes the rows it paired out of the leftovers. Parameters as {@link MatchPasses}, and
 * {@code tol} (seconds), {@code late} (the class of a record no statement has: timing, or missing_in_channel once
 * past the grace period), {@code note} (why an earlier break cleared).
 */
final class LeftoverPasses {

    private static final String LEFT_LINES = lines("L");
    private static final String LEFT_RECORDS = records("R");
    private static final String OTHER_CURRENT = "select id from reconciliation where channel = :channel and current_key is not null and id <> :id";
    private static final String CLEARED = "status = 'resolved', resolution = 'cleared', resolved_by = 'system', note = :note, resolved_at = :now,"
            + " updated_at = :now";

    private final MatchPasses passes;

    /** The statement's side of the leftovers of one side, as the classification reads it (l). */
    static String lines(String side) {
        return "select reference, channel_reference, line_net as net, line_currency as cur, line_mixed as mixed, flagged, lines as n,"
                + " first_line, line_epoch as at_epoch from reconciliation_leftover where reconciliation_id = :id and side = '" + side + "'";
    }

    /** Our side of the leftovers of one side, as the classification reads it (r). */
    static String records(String side) {
        return "select reference, channel_reference, our_net as net, our_currency as cur, our_mixed as mixed, our_epoch as at_epoch"
                + " from reconciliation_leftover where reconciliation_id = :id and side = '" + side + "'";
    }

    LeftoverPasses(MatchPasses passes) {
        this.passes = passes;
    }

    private int run(String sql, Map<String, ?> p) {
        return passes.run(sql, p);
    }

    /** Whether the channel has another current statement, where a line or record left over here may have its partner. */
    boolean otherStatements(Map<String, ?> p) {
        return passes.count("select count(*) from (" + OTHER_CURRENT + " fetch first 1 rows only) o", p) > 0;
    }

    /**
     * Lines here whose record is another day's, which no statement of its own day carried (a line the channel delayed):
     * paired as a match of that other day's record, whose timing break (which keeps what the record moved) clears.
     */
    int recordsElsewhere(Map<String, ?> p) {
        int n = run(MatchPasses.insertItems("other_statement", "select l.reference, coalesce(l.channel_reference, r.channel_reference)"
                + " as channel_reference, l.reference as line_key, r.reference as record_key, r.net as our_net, l.net as line_net, l.cur, l.n,"
                + " l.first_line, " + MatchPasses.CLASSIFY + " as class from (" + LEFT_LINES + ") l join (select i.record_key as reference,"
                + " min(i.our_amount) as net, min(i.currency) as cur, false as mixed, min(i.channel_reference) as channel_reference"
                + " from reconciliation_item i join reconciliation c on c.id = i.reconciliation_id"
                + " where c.channel = :channel and c.current_key is not null and c.id <> :id and i.line_key is null"
                + " and i.class in ('timing', 'missing_in_channel') and (i.status = 'open' or i.resolution <> 'cleared')"
                + " and i.record_key in (select reference from reconciliation_leftover where reconciliation_id = :id and side = 'L')"
                + " group by i.record_key) r on r.reference = l.reference"), p);
        if (n > 0) {
            run("update reconciliation_item set " + CLEARED + " where status = 'open' and class in ('timing', 'missing_in_channel')"
                    + " and line_key is null and record_key in (select line_key from reconciliation_item where reconciliation_id = :id"
                    + " and matched_by = 'other_statement' and line_key is not null) and reconciliation_id in (" + OTHER_CURRENT + ")", p);
            run("delete from reconciliation_leftover where reconciliation_id = :id and side = 'L' and reference in (select line_key"
                    + " from reconciliation_item where reconciliation_id = :id and matched_by = 'other_statement' and line_key is not null)", p);
        }
        return n;
    }

    /**
     * Records here whose line came on another statement before ours was booked (the channel a day early): paired as a
     * match here, and that statement's missing-in-ledger break clears.
     */
    int linesElsewhere(Map<String, ?> p) {
        int n = run(MatchPasses.insertItems("other_statement", "select r.reference, coalesce(l.channel_reference, r.channel_reference)"
                + " as channel_reference, cast(null as varchar(128)) as line_key, r.reference as record_key, r.net as our_net, l.net as line_net,"
                + " l.cur, 0 as n, cast(null as bigint) as first_line, " + MatchPasses.CLASSIFY + " as class from (" + LEFT_RECORDS + ") r"
                + " join (select l.reference, sum(case when l.failed then 0 else l.amount end) as net, min(l.currency) as cur,"
                + " min(l.currency) <> max(l.currency) as mixed, max(case when l.failed or l.reversal then 1 else 0 end) = 1 as flagged,"
                + " min(l.channel_reference) as channel_reference from reconciliation_line l join reconciliation c on c.id = l.reconciliation_id"
                + " where c.channel = :channel and c.current_key is not null and c.id <> :id and not l.duplicate"
                + " and l.reference in (select reference from reconciliation_leftover where reconciliation_id = :id and side = 'R')"
                + " and exists (select 1 from reconciliation_item i where i.reconciliation_id = l.reconciliation_id and i.line_key = l.reference"
                + " and i.record_key is null and i.class = 'missing_in_ledger' and (i.status = 'open' or i.resolution <> 'cleared'))"
                + " group by l.reference) l on l.reference = r.reference"), p);
        if (n > 0) {
            run("update reconciliation_item set " + CLEARED + " where status = 'open' and class = 'missing_in_ledger' and record_key is null"
                    + " and line_key in (select record_key from reconciliation_item where reconciliation_id = :id and matched_by = 'other_statement'"
                    + " and line_key is null) and reconciliation_id in (" + OTHER_CURRENT + ")", p);
            run("delete from reconciliation_leftover where reconciliation_id = :id and side = 'R' and reference in (select record_key"
                    + " from reconciliation_item where reconciliation_id = :id and matched_by = 'other_statement' and line_key is null)", p);
        }
        return n;
    }

    /** A line and a record with the same channel reference, when each side has exactly one with it. */
    int channelReference(Map<String, ?> p) {
        int n = run(MatchPasses.insertItems("channel_reference", "select l.reference, l.channel_reference, l.reference as line_key,"
                + " r.reference as record_key, r.net as our_net, l.net as line_net, l.cur, l.n, l.first_line, " + MatchPasses.CLASSIFY + " as class"
                + " from (" + LEFT_LINES + ") l join (" + LEFT_RECORDS + ") r on r.channel_reference = l.channel_reference"
                + " where (select count(*) from reconciliation_leftover x where x.reconciliation_id = :id and x.side = 'L'"
                + " and x.channel_reference = l.channel_reference) = 1 and (select count(*) from reconciliation_leftover x"
                + " where x.reconciliation_id = :id and x.side = 'R' and x.channel_reference = l.channel_reference) = 1"), p);
        consume(p, "channel_reference", n);
        return n;
    }

    /**
     * A single line and a record of the same amount and currency within the time tolerance, when neither has another
     * such partner: a channel that lost or garbled our reference.
     */
    int amountAndTime(Map<String, ?> p) {
        String near = " between %1$s.at_epoch - :tol and %1$s.at_epoch + :tol";
        int n = run(MatchPasses.insertItems("amount_and_time", "select l.reference, coalesce(l.channel_reference, r.channel_reference)"
                + " as channel_reference, l.reference as line_key, r.reference as record_key, r.net as our_net, l.net as line_net, l.cur, l.n,"
                + " l.first_line, 'matched' as class from (" + LEFT_LINES + ") l join (" + LEFT_RECORDS + ") r on r.net = l.net and r.cur = l.cur"
                + " and not r.mixed and r.at_epoch" + near.formatted("l")
                + " where l.n = 1 and not l.flagged and not l.mixed and l.net <> 0 and l.at_epoch is not null and r.at_epoch is not null"
                + " and (select count(*) from reconciliation_leftover x where x.reconciliation_id = :id and x.side = 'R' and x.our_net = l.net"
                + " and x.our_currency = l.cur and x.our_epoch" + near.formatted("l") + ") = 1"
                + " and (select count(*) from reconciliation_leftover x where x.reconciliation_id = :id and x.side = 'L' and x.lines = 1"
                + " and not x.flagged and x.line_net = r.net and x.line_currency = r.cur and x.line_epoch" + near.formatted("r") + ") = 1"), p);
        consume(p, "amount_and_time", n);
        return n;
    }

    /**
     * Lines left: a matched pair of nothing when they moved nothing (failed, or reversed at the channel) where we booked
     * nothing either; a duplicate when another statement of the channel has the reference; else missing in the ledger.
     */
    int lines(Map<String, ?> p) {
        return run(MatchPasses.insertItems(null, "select l.reference, l.channel_reference, l.reference as line_key,"
                + " cast(null as varchar(255)) as record_key, cast(null as bigint) as our_net, l.net as line_net, l.cur, l.n, l.first_line,"
                + " case when l.net = 0 and not l.mixed then 'matched' when exists (select 1 from reconciliation_line o join reconciliation c"
                + " on c.id = o.reconciliation_id where o.reference = l.reference and not o.duplicate and c.channel = :channel"
                + " and c.current_key is not null and c.id <> :id) then 'duplicate' else 'missing_in_ledger' end as class"
                + " from (" + LEFT_LINES + ") l"), p);
    }

    /** Records left: not on any statement of the channel yet (timing, or missing in the channel once past the grace period). */
    int records(Map<String, ?> p) {
        int n = run(MatchPasses.insertItems(null, "select r.reference, r.channel_reference, cast(null as varchar(128)) as line_key,"
                + " r.reference as record_key, r.net as our_net, cast(null as bigint) as line_net, r.cur, 0 as n, cast(null as bigint) as first_line,"
                + " case when r.net = 0 and not r.mixed then 'matched' else cast(:late as varchar(24)) end as class from (" + LEFT_RECORDS + ") r"),
                p);
        run("delete from reconciliation_leftover where reconciliation_id = :id", p);
        return n;
    }

    private void consume(Map<String, ?> p, String matchedBy, int paired) {
        if (paired == 0) {
            return;
        }
        run("delete from reconciliation_leftover where reconciliation_id = :id and side = 'L' and reference in (select line_key"
                + " from reconciliation_item where reconciliation_id = :id and matched_by = '" + matchedBy + "')", p);
        run("delete from reconciliation_leftover where reconciliation_id = :id and side = 'R' and reference in (select record_key"
                + " from reconciliation_item where reconciliation_id = :id and matched_by = '" + matchedBy + "')", p);
    }
}
