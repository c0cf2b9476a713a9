package io.huitong.identity;

import io.huitong.kernel.DbTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed logins per key ({@code operator-account:ana@example.com}, {@code operator-address:203.0.113.7})
 * in the database ({@code login_guard}), so that every instance sees the same counts: {@code maxFailures}
 * within {@code window} lock the key for {@code duration}. A count changes under the key's row lock. Kinds
 * of login keep apart by the prefix of their keys.
 *
 * <p>A login {@link #claim claims} its attempt before the credential is checked (a password hash takes a while): the
 * attempt is counted as a failure at once, under the row lock, and a key that has reached its limit refuses further
 * claims, so that however many attempts arrive at once, at most {@code maxFailures} of them are ever checked per
 * window. A right credential then clears the account's count ({@link #succeeded(String, String)}), and a check that
 * was not a guess gives the claim back ({@link #release}).
 *
 * <p>An account and a client address have policies of their own: an account is locked after a few failures; an
 * address, which many people share behind one NAT or office, only after many, and for a time that doubles with each
 * lock in a row ({@link Policy#maxDuration}), so that it slows a guesser down without locking out its neighbours.
 */
public final class LoginGuard {

    /**
     * {@code maxFailures} failed logins within {@code window} lock the key for {@code duration}; with a
     * {@code maxDuration} longer than that, each lock that follows the last one within {@code window} lasts twice as
     * long as the last, up to {@code maxDuration}.
     */
    public record Policy(int maxFailures, Duration window, Duration duration, Duration maxDuration) {

        @ConstructorBinding
        public Policy {
            maxFailures = maxFailures <= 0 ? 5 : maxFailures;
            window = window == null ? Duration.ofMinutes(15) : window;
            duration = duration == null ? Duration.ofMinutes(15) : duration;
            maxDuration = maxDuration == null || maxDuration.compareTo(duration) < 0 ? duration : maxDuration;
        }

        /** A lock of one length. */
        public Policy(int maxFailures, Duration window, Duration duration) {
            this(maxFailures, window, duration, null);
        }

        /** A client address's: 100 failures within 15 minutes lock it for a minute, then 2, 4 ... up to an hour. */
        public static Policy addresses() {
            return new Policy(100, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1));
        }

        Duration lockAfter(int earlierLocks) {
            Duration d = duration;
            for (int i = 0; i < earlierLocks && d.compareTo(maxDuration) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(maxDuration) > 0 ? maxDuration : d;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Policy policy;
    private final Policy addresses;

    public LoginGuard(JdbcClient jdbc, TransactionTemplate tx, Policy policy) {
        this(jdbc, tx, policy, Policy.addresses());
    }

    /** With {@code policy} for accounts and {@code addresses} for client addresses. */
    public LoginGuard(JdbcClient jdbc, TransactionTemplate tx, Policy policy, Policy addresses) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.policy = policy;
        this.addresses = addresses;
    }

    /**
     * Claims an attempt to log in to {@code accountKey} from {@code addressKey} (null: the account alone), before its
     * credential is checked; counts it on both as a failure. Answers until when one of them is locked, if one is: then
     * nothing was claimed and the credential must not be checked.
     */
    public Optional<Instant> claim(String accountKey, String addressKey, Instant now) {
        ensureRow(accountKey);
        if (addressKey != null) {
            ensureRow(addressKey);
        }
        return tx.execute(s -> {
            // always the account's row first, then the address's: two claims never wait on each other in a circle
            Row account = lock(accountKey);
            Row address = addressKey == null ? null : lock(addressKey);
            Instant until = later(account.lockedAfter(now), address == null ? null : address.lockedAfter(now));
            if (until != null) {
                return Optional.of(until);
            }
            count(accountKey, account, policy, now);
            if (address != null) {
                count(addressKey, address, addresses, now);
            }
            return Optional.<Instant>empty();
        });
    }

    /** The claimed attempt was right: the account's count and lock are cleared, the address's claim given back. */
    public void succeeded(String accountKey, String addressKey) {
        succeeded(accountKey);
        if (addressKey != null) {
            giveBack(addressKey);
        }
    }

    /** The claimed attempt was not a guess (a second factor was asked for): both claims are given back. */
    public void release(String accountKey, String addressKey) {
        giveBack(accountKey);
        if (addressKey != null) {
            giveBack(addressKey);
        }
    }

    /** Until when the account or the address is locked, if either is now: after a failed claim, a 429 rather than a 401. */
    public Optional<Instant> lockedUntil(String accountKey, String addressKey, Instant now) {
        return lockedUntil(accountKey, now).or(() -> addressKey == null ? Optional.empty() : lockedUntil(addressKey, now));
    }

    private void giveBack(String key) {
        jdbc.sql("update login_guard set failures = failures - 1 where guard_key = ? and failures > 0").params(key).update();
    }

    private Row lock(String key) {
        return jdbc.sql("select failures, window_start, locked_until, lockouts from login_guard where guard_key = ? for update")
                .params(key).query((rs, i) -> new Row(rs.getInt(1), DbTimes.instant(rs, 2), DbTimes.instant(rs, 3), rs.getInt(4))).single();
    }

    private void count(String key, Row row, Policy policy, Instant now) {
        int failures = row.windowStart() == null || !now.isBefore(row.windowStart().plus(policy.window())) ? 1 : row.failures() + 1;
        Instant windowStart = failures == 1 ? now : row.windowStart();
        Instant lockedUntil = row.lockedUntil();
        // locks in a row: the last one ended less than a window ago
        int lockouts = lockedUntil != null && now.isBefore(lockedUntil.plus(policy.window())) ? row.lockouts() : 0;
        if (failures >= policy.maxFailures()) {
            lockedUntil = now.plus(policy.lockAfter(lockouts));
            lockouts++;
            failures = 0;
            windowStart = null;
        }
        jdbc.sql("update login_guard set failures = ?, window_start = ?, locked_until = ?, lockouts = ? where guard_key = ?")
                .params(failures, DbTimes.at(windowStart), DbTimes.at(lockedUntil), lockouts, key).update();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    public Policy policy() {
        return policy;
    }

    /** Until when the key is locked, if it is locked now. */
    public Optional<Instant> lockedUntil(String key, Instant now) {
        return jdbc.sql("select locked_until from login_guard where guard_key = ?").params(key)
                .query((rs, i) -> DbTimes.instant(rs, 1)).optional()
                .filter(until -> until != null && until.isAfter(now));
    }

    /** A successful login clears the account's count (not the address's: one address trying many accounts stays counted). */
    public void succeeded(String key) {
        jdbc.sql("delete from login_guard where guard_key = ?").params(key).update();
    }

    private void ensureRow(String key) {
        if (jdbc.sql("select count(*) from login_guard where guard_key = ?").params(key).query(Integer.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("insert into login_guard (guard_key, failures) values (?, 0)").params(key).update();
        } catch (DuplicateKeyException raced) {
            // another login inserted it first; its row is there now
        }
    }

    private record Row(int failures, Instant windowStart, Instant lockedUntil, int lockouts) {

        Instant lockedAfter(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now) ? lockedUntil : null;
        }
    }
}
