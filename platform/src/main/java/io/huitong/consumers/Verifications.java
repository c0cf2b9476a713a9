package io.huitong.consumers;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Consumers' verification (实名认证), channel by channel ({@link VerificationChannel}). The first channel establishes the
 * consumer's identity (name and resident ID number); every later one must verify the same identity (409
 * {@code already_verified} otherwise), and one resident ID verifies one account (409 {@code id_number_taken}). The wallet
 * asks {@link #channels(String)} to pick a wallet's class.
 */
public interface Verifications {

    /**
     * Verifies the consumer's real name and resident ID number through the public-security channel. The same identity
     * again answers the verification as it stands.
     */
    Verification verify(String userId, RealName identity);

    /**
     * Verifies the consumer through one more external channel. A channel verified already answers the verification as it
     * stands; a claim the channel's service does not confirm is a 400 {@code verification_failed}, one it cannot answer a
     * 503 {@code verification_unavailable}, and, with {@code huitong.consumers.verification.providers-required}, a claim
     * through a channel no service is configured for a 400 {@code verification_channel_unavailable}: each records nothing.
     */
    Verification addChannel(String userId, NewVerificationChannel claim);

    /** An operator ({@code operatorId}) saw the consumer and their ID card: records the face-to-face verification. */
    Verification faceToFace(String userId, RealName identity, String operatorId);

    /** The consumer's verification, masked; {@code verified:false} and no channel when there is none. */
    Verification verification(String userId);

    /** The channels the consumer is verified through, face to face included: one query. */
    Set<VerificationChannel> channels(String userId);

    /** Since when the consumer is one, and the channels they are verified through: one query. Empty for no consumer. */
    Optional<Standing> standing(String userId);

    /** A consumer's sign-up and the channels they are verified through (face to face included). */
    record Standing(Instant since, Set<VerificationChannel> channels) {

        public Standing {
            channels = Set.copyOf(channels);
        }
    }

    /**
     * Whether {@code name} is the consumer's verified name (spaces and letter case aside): a bank account in it is the
     * consumer's own. False for a consumer not verified.
     */
    boolean holderNamed(String userId, String name);
}
