package io.huitong.consumers;

/**
 * Real-name verification (实名认证) of consumers. The wallet asks {@link #verification(String)} to pick a
 * wallet's class: a verified consumer's wallet is class I, an unverified one's gets lower limits.
 */
public interface Verifications {

    /**
     * Verifies the consumer's real name and resident ID number. The same identity again answers the
     * verification as it stands; another identity for a verified consumer is a 409 {@code already_verified}.
     */
    Verification verify(String userId, RealName identity);

    /** The consumer's verification, masked; {@code verified:false} (and nothing else) when there is none. */
    Verification verification(String userId);
}
