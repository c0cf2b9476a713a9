package io.huitong.wallets.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Whose payment codes this node issued lately: a code's hash and its consumer, kept for as long as the code is valid,
 * so that a merchant's charge of the code finds its consumer without asking the database. A code's hash names one
 * consumer for good (it is the key of its row, which is never deleted), so an entry is never wrong, only missing: a
 * code issued by another node, or longer ago, is looked up in the database.
 */
final class CodeHolders {

    /** Codes kept at most: a busy node issues far fewer within a code's validity. */
    private static final long MAX_CODES = 200_000;

    private final Cache<String, String> byHash;

    CodeHolders(Duration codeTtl) {
        this.byHash = Caffeine.newBuilder().expireAfterWrite(codeTtl).maximumSize(MAX_CODES).build();
    }

    /** The code with this hash is stored, issued to {@code userId}. */
    void issued(String codeHash, String userId) {
        byHash.put(codeHash, userId);
    }

    Optional<String> holder(String codeHash) {
        return Optional.ofNullable(byHash.getIfPresent(codeHash));
    }
}
