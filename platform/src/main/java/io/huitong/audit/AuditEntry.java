package io.huitong.audit;

import java.time.Instant;

/**
 * One entry of the chain: {@code seq} counts from 1 without gaps; {@code hash} is the digest of the entry's
 * fields and of {@code prevHash}, the hash of the entry before it (64 zeros before the first).
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String objectType, String objectId, String ip,
                         String requestId, String detail, String algorithm, String prevHash, String hash) {
}
