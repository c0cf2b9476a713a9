package io.huitong.identity;

import io.huitong.kernel.DbTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed logins per key ({@code operator-account:ana@example.com}, {@code operator-address:203.0.113.7})
 * in the database ({@code login_guard}), so that every instance sees the same counts: {@code maxFailures}
 * within {@code window} lock the key for {@code duration}. A count changes under the key's row lock. Kinds
 * of login keep apart by the prefix of their keys.
 */
public final class LoginGuard {

    /** {@code maxFailures} failed logins within {@code window} lock the key for {@code duration}. */
    public record Policy(int maxFailures, Duration window, Duration duration) {

        public Policy {
            maxFailures = maxFailures <= 0 ? 5 : maxFailures;
            window = window == null ? Duration.ofMinutes(15) : window;
            duration = duration == null ? Duration.ofMinutes(15) : duration;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Policy policy;

    public LoginGuard(JdbcClient jdbc, TransactionTemplate tx, Policy policy) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.policy = policy;
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

    /** Records a failed login; answers whether the key is locked now. */
    public boolean failed(String key, Instant now) {
        ensureRow(key); // on its own: a lost insert race must not abort the transaction below
        return Boolean.TRUE.equals(tx.execute(s -> {
            Row row = jdbc.sql("select failures, window_start, locked_until from login_guard where guard_key = ? for update")
                    .params(key).query((rs, i) -> new Row(rs.getInt(1), DbTimes.instant(rs, 2), DbTimes.instant(rs, 3))).single();
            int failures = row.windowStart() == null || !now.isBefore(row.windowStart().plus(policy.window())) ? 1 : row.failures() + 1;
            Instant windowStart = failures == 1 ? now : row.windowStart();
            Instant lockedUntil = row.lockedUntil();
            if (failures >= policy.maxFailures()) {
                lockedUntil = now.plus(policy.duration());
                failures = 0;
                windowStart = null;
            }
            jdbc.sql("update login_guard set failures = ?, window_start = ?, locked_until = ? where guard_key = ?")
                    .params(failures, DbTimes.at(windowStart), DbTimes.at(lockedUntil), key).update();
            return lockedUntil != null && lockedUntil.isAfter(now);
        }));
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

    private record Row(int failures, Instant windowStart, Instant lockedUntil) {
    }
}
