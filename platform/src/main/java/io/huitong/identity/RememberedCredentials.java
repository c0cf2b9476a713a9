package io.huitong.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials found valid (API keys, sessions), remembered by their hash for a short while so that a request need not
 * ask the database again. A credential stops at its own expiry even when remembered; the instance that ends one forgets
 * it at once, other instances within the time it is remembered. The database is read under the credential's entry: a
 * forget that comes meanwhile waits for the read, then forgets what it found.
 *
 * @param <P> who presents the credential
 */
public final class RememberedCredentials<P> {

    /** What a credential was found to be: its principal, whose it is (a merchant, a consumer), and its end (null: none). */
    public record Found<P>(P principal, String holder, Instant expiresAt) {
    }

    private final Cache<String, Found<P>> found;

    public RememberedCredentials(Duration remember, long max) {
        this.found = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(max).build();
    }

    /**
     * The principal of the credential hashed {@code hash}: remembered, or else {@code read} from the database (null: no
     * valid credential has the hash). Empty for none, and for one past its end.
     */
    public Optional<P> find(String hash, Instant now, Function<String, Found<P>> read) {
        Found<P> f = found.get(hash, read);
        if (f != null && f.expiresAt() != null && !now.isBefore(f.expiresAt())) {
            found.invalidate(hash);
            return Optional.empty();
        }
        return Optional.ofNullable(f).map(Found::principal);
    }

    /** The credential was ended here. */
    public void forget(String hash) {
        found.invalidate(hash);
    }

    /** Every credential of {@code holder} was ended or changed here. */
    public void forgetHolder(String holder) {
        found.asMap().values().removeIf(f -> f.holder().equals(holder));
    }
}
