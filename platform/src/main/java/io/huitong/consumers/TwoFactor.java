package io.huitong.consumers;

/**
 * Consumers' second factor: a TOTP authenticator app (RFC 6238: 30-second steps, 6 digits) and ten
 * one-time recovery codes. Once it is on, a login needs the password and a current code or an unused
 * recovery code ({@link Login#otp()}).
 */
public interface TwoFactor {

    /**
     * Starts (or restarts) the setup: a new secret, pending until {@link #confirmTotp confirmed}. A consumer
     * whose authenticator is already on gets a 409 {@code totp_enabled}.
     */
    Totp startTotp(String userId);

    /** Where the setup stands; the secret and its URI only while it is pending. */
    Totp totp(String userId);

    /**
     * Turns the pending authenticator on with a code it shows (400 {@code otp_invalid} otherwise) and
     * answers the recovery codes, shown this once.
     */
    TotpConfirmation confirmTotp(String userId, String code);

    /** Whether the consumer's authenticator is on. */
    boolean enabled(String userId);

    /**
     * Proves the consumer is at hand before a sensitive change (unfreezing their wallet): a current code or an
     * unused recovery code, each good once. A wrong one is a 400 {@code otp_invalid} on {@code param}; five
     * within the lockout window are a 429 {@code otp_locked}.
     */
    void prove(String userId, String code, String param);

    /** Turns two-factor login off, given a current code or an unused recovery code (400 {@code otp_invalid} otherwise). */
    Totp disableTotp(String userId, String code);
}
