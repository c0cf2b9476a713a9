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
 * Matches one imported statement with our records of its channel and date (the ledger's, on the business date in
 * Asia/Shanghai): the passes run ({@link MatchPasses}, {@link LeftoverPasses}), resolutions operators made on the
 * statement this one supersedes carry over to the same breaks, and timing breaks past the grace period become missing
 * in the channel. All of it in the caller's transaction: a matching that fails leaves nothing.
 */
final class Matcher {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Matcher.class);

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
    private final java.util.function.BooleanSupplier postgres;

    Matcher(JdbcClient jdbc, BreakBook breaks, Ids ids, Clock clock, Duration tolerance, java.util.function.BooleanSupplier postgres) {
        this.jdbc = jdbc;
        this.passes = new MatchPasses(jdbc);
        this.leftovers = new LeftoverPasses(passes);
        this.breaks = breaks;
        this.ids = ids;
        this.clock = clock;
        this.tolerance = tolerance;
        this.postgres = postgres;
    }

    /** What matching needs to know of the reconciliation: its statement's lines number {@code total}. */
    record Job(String id, ChannelDirectory.Channel channel, LocalDate businessDate, long total, String supersedes, String bankCurrency) {
    }

    /**
     * What matching found besides its items: the statement lines the same day's records matched by reference, and for a
     * bank statement the ledger's movements of the bank's clearing account on the day, for the roll-forward (else null).
     */
    record Outcome(long matched, Movements movements) {
    }

    /** Money in and out of the bank clearing account. */
    record Movements(long credits, long debits) {
    }

    /** Runs every pass; {@code progress} hears how many statement lines are classified after each. */
    Outcome match(Job job, LongConsumer progress) {
        Instant now = DbTimes.now(clock);
        Instant from = job.businessDate().atStartOfDay(BUSINESS_ZONE).toInstant();
        Instant to = job.businessDate().plusDays(1).atStartOfDay(BUSINESS_ZONE).toInstant();
        if (postgres.getAsBoolean()) {
            // the statement's lines are fresh and autovacuum has not looked at them yet: without statistics PostgreSQL takes
            // millions of rows for a handful and plans nested loops; the same-day pass hashes millions of groups, in memory
            // rather than spilled to disk, and its plan is not worth compiling
            jdbc.sql("analyze reconciliation_line").update();
            jdbc.sql("set local work_mem = '256MB'").update();
            jdbc.sql("set local jit = off").update();
        }
        Map<String, Object> p = new HashMap<>();
        p.put("id", job.id());
        p.put("channel", job.channel().name());
        p.put("date", Date.valueOf(job.businessDate()));
        p.put("now", DbTimes.at(now));
        p.put("from", DbTimes.at(from));
        p.put("to", DbTimes.at(to));
        p.put("accounts", clearingAccounts(job.channel()));
        p.put("corrections", CORRECTION_CODES);
        p.put("tol", tolerance.toSeconds());
        p.put("note", "carried by the statement of " + job.businessDate() + " (" + job.id() + ")");
        boolean late = job.businessDate().isBefore(breaks.graceCutoff(LocalDate.ofInstant(now, BUSINESS_ZONE)));
        p.put("late", (late ? BreakClass.MISSING_IN_CHANNEL : BreakClass.TIMING).wireName());

        Timed timed = new Timed(job.id());
        long duplicates = timed.run("duplicates", () -> passes.duplicates(base(p)));
        long unpaired = timed.run("same day", () -> passes.sameDay(p, job.channel().format(), postgres.getAsBoolean()));
        progress.accept(job.total() - unpaired);
        timed.run("disagreements", () -> passes.disagreements(base(p)));
        if (postgres.getAsBoolean()) {
            // what the same day left over, and the breaks it found, are rows written in this transaction: without statistics
            // of them PostgreSQL takes the tables for empty and plans the later passes as loops nested three deep, which
            // grow with the cube of the breaks
            jdbc.sql("analyze reconciliation_leftover").update();
            jdbc.sql("analyze reconciliation_item").update();
        }
        if (leftovers.otherStatements(p)) {
            timed.run("records elsewhere", () -> leftovers.recordsElsewhere(base(p)));
            timed.run("lines elsewhere", () -> leftovers.linesElsewhere(base(p)));
        }
        timed.run("channel reference", () -> leftovers.channelReference(base(p)));
        timed.run("amount and time", () -> leftovers.amountAndTime(base(p)));
        timed.run("lines left", () -> leftovers.lines(base(p)));
        timed.run("records left", () -> leftovers.records(base(p)));
        if (job.supersedes() != null) {
            breaks.carryOver(job.supersedes(), job.id(), now);
        }
        breaks.age(now);
        return new Outcome(job.total() - duplicates - unpaired,
                job.bankCurrency() == null ? null : movements(job.channel().clearingAccount(job.bankCurrency()), from, to));
    }

    /** How long each pass takes, for whoever tunes them (debug). */
    private record Timed(String id) {

        long run(String pass, java.util.function.LongSupplier body) {
            long started = System.nanoTime();
            long rows = body.getAsLong();
            if (log.isDebugEnabled()) {
                log.debug("Reconciliation {}: {} gave {} in {} ms", id, pass, rows, (System.nanoTime() - started) / 1_000_000);
            }
            return rows;
        }
    }

    private Map<String, Object> base(Map<String, Object> p) {
        p.put("base", ids.next("rbk"));
        return p;
    }

    /** The channel's clearing accounts, one per currency; an impossible id when it has none yet, so that the lists stay valid SQL. */
    private List<String> clearingAccounts(ChannelDirectory.Channel channel) {
        List<String> accounts = jdbc.sql("select id from ledger_account where id like ? escape '!'")
                .param(channel.clearingPrefix().replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%").query(String.class).list();
        return accounts.isEmpty() ? List.of(channel.clearingPrefix() + "none") : accounts;
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
