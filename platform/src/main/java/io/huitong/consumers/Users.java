package io.huitong.consumers;

import java.util.Optional;

/** Consumers' accounts and sessions (api.md, "Consumers and wallet"). */
public interface Users {

    /** Signs a consumer up; a phone number already taken is a 409 {@code phone_taken}. */
    User signUp(NewUser request);

    Optional<User> find(String userId);

    /** The consumer with this phone number (E.164), for transfers by phone. */
    Optional<User> findByPhone(String phone);

    /**
     * Opens a session. A wrong phone or password is a 401 {@code invalid_credentials}; five of them within
     * the lockout window lock the login for that account and, separately, for that client address (429
     * {@code login_locked}).
     */
    Session login(Login request, String clientAddress);

    /** Ends the session behind this token; it authenticates nothing afterwards. */
    void logout(String token);

    /** Ends every session of the consumer. */
    void logoutEverywhere(String userId);

    /** Whether the consumer passed real-name verification (a row in {@code consumer_verification}). */
    boolean realNameVerified(String userId);

    /** Whether this is the consumer's password: a second proof of who they are before a sensitive change. */
    boolean passwordMatches(String userId, String password);
}
