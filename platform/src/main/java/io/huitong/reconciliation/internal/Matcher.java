package io.huitong.reconciliation.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.reconciliation.domain.BreakClass;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Matches one imported statement with our records of its channel and date: our records are staged from the ledger
 * (the posted entries of the channel's clearing accounts on the business date, Asia/Shanghai), then the passes run
 * ({@link MatchPasses}, {@link LeftoverPasses}), resolutions operators made on the statement this one supersedes carry
 * over to the same breaks, and timing breaks past the grace period become missing in the channel. All of it in the
 * caller's transaction: a matching that fails leaves nothing.
 */
final class Matcher {

    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    /** Corrections reconciliation posts itself: never records to match, or they would hide the break they settled. */
    static final List<String> CORRECTION_CODES = List.of("reconciliation_adjustment", "reconciliation_write_off");

    private final JdbcClient jdbc;
    private final MatchPasses passes;
    private final LeftoverPasses leftovers;
    private final BreakBook breaks;
    private final Ids ids;
    private final Clock clock;
    private final Duration tolerance;

    Matcher(JdbcClient jdbc, BreakBook breaks, Ids ids, Clock clock, Duration tolerance) {
        this.jdbc = jdbc;
        this.passes = new MatchPasses(jdbc);
        this.leftovers = new LeftoverPasses(passes);
        this.breaks = breaks;
        this.ids = ids;
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** What matching needs to know of the reconciliation. */
    record Job(String id, ChannelDirectory.Channel channel, LocalDate businessDate, String supersedes, String bankCurrency) {
    }

    /** The ledger's movements of the bank's clearing account on the day, for the roll-forward; null for other channels. */
    record Movements(long credits, long debits) {
    }

    /** Runs every pass; {@code progress} hears how many statement lines are classified after each. */
    Movements match(Job job, LongConsumer progress) {
        Instant now = DbTimes.now(clock);
        Instant from = job.businessDate().atStartOfDay(BUSINESS_ZONE).toInstant();
        Instant to = job.businessDate().plusDays(1).atStartOfDay(BUSINESS_ZONE).toInstant();
        stageRecords(job, from, to);
        Map<String, Object> p = new HashMap<>();
        p.put("id", job.id());
        p.put("channel", job.channel().name());
        p.put("date", Date.valueOf(job.businessDate()));
        p.put("now", DbTimes.at(now));
        p.put("tol", tolerance.toSeconds());
        p.put("note", "carried by the statement of " + job.businessDate() + " (" + job.id() + ")");
        boolean late = job.businessDate().isBefore(breaks.graceCutoff(LocalDate.ofInstant(now, BUSINESS_ZONE)));
        p.put("late", (late ? BreakClass.MISSING_IN_CHANNEL : BreakClass.TIMING).wireName());

        passes.duplicates(base(p));
        passes.sameDay(base(p));
        progress.accept(classified(job.id()));
        passes.leaveOver(p);
        leftovers.recordsElsewhere(base(p));
        leftovers.linesElsewhere(base(p));
        leftovers.channelReference(base(p));
        leftovers.amountAndTime(base(p));
        leftovers.lines(base(p));
        leftovers.records(base(p));
        progress.accept(classified(job.id()));
        if (job.supersedes() != null) {
            breaks.carryOver(job.supersedes(), job.id(), now);
        }
        breaks.age(now);
        return job.bankCurrency() == null ? null : movements(job.channel().clearingAccount(job.bankCurrency()), from, to);
    }

    private Map<String, Object> base(Map<String, Object> p) {
        p.put("base", ids.next("rbk"));
        return p;
    }

    private long classified(String id) {
        return jdbc.sql("select coalesce(sum(lines), 0) from reconciliation_item where reconciliation_id = ?").param(id).query(Long.class).single();
    }

    /**
     * Our records: every posted entry of the channel's clearing accounts (one per currency) on the day, signed as the
     * statement's lines are (a debit of the clearing account is money the channel owes or paid us). Payments and refunds
     * count for the channel they went through, so that acquirers sharing the card clearing account each get their own;
     * our reference is the payment's id for payments, the refund's for refunds, the transfer's reference otherwise.
     */
    private void stageRecords(Job job, Instant from, Instant to) {
        List<String> accounts = jdbc.sql("select id from ledger_account where id like ? escape '!'")
                .param(job.channel().clearingPrefix().replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%").query(String.class).list();
        if (accounts.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into reconciliation_record (reconciliation_id, transfer_id, reference, channel_reference, amount, currency, booked_at)
                select :id, t.id, case when t.code = 'refund' then t.id else coalesce(t.reference, t.id) end, p.channel_reference,
                       case when e.direction = 'debit' then e.amount else -e.amount end, e.currency, e.created_at
                from ledger_entry e
                join ledger_transfer t on t.id = e.transfer_id
                left join payment p on t.code = 'payment' and p.id = t.reference
                left join refund r on t.code = 'refund' and r.id = t.id
                where e.account_id in (:accounts) and e.layer = 'posted' and e.created_at >= :from and e.created_at < :to
                  and (t.code is null or t.code not in (:corrections))
                  and (t.code is null or t.code not in ('payment', 'refund') or p.channel = :channel or r.channel = :channel)""")
                .param("id", job.id()).param("accounts", accounts).param("from", DbTimes.at(from)).param("to", DbTimes.at(to))
                .param("corrections", CORRECTION_CODES).param("channel", job.channel().name())
                .update();
    }

    /** The bank clearing account's posted movements of the day, corrections included: the ledger's side of the roll-forward. */
    private Movements movements(String account, Instant from, Instant to) {
        return jdbc.sql("select coalesce(sum(case when direction = 'debit' then amount else 0 end), 0),"
                        + " coalesce(sum(case when direction = 'credit' then amount else 0 end), 0) from ledger_entry"
                        + " where account_id = ? and layer = 'posted' and created_at >= ? and created_at < ?")
                .params(account, DbTimes.at(from), DbTimes.at(to))
                .query((rs, n) -> new Movements(rs.getLong(1), rs.getLong(2))).single();
    }
}
