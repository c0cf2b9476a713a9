package io.huitong.consumers;

import java.util.Optional;

/** Consumers' accounts and sessions (docs/api.md, "Consumers and wallet"). */
public interface Users {

    /**
     * Signs a consumer up. A phone number that has an account already is answered the same way (a user id that names
     * nothing, nothing changed), so that nobody can find out by trying numbers who is a customer; its owner finds a
     * {@link Notice} of the attempt instead.
     */
    User signUp(NewUser request);

    /** The consumer's notices, newest first. */
    io.huitong.kernel.Page<Notice> notices(String userId, io.huitong.kernel.PageRequest page);

    Optional<User> find(String userId);

    /** The consumer with this phone number (E.164), for transfers by phone. */
    Optional<User> findByPhone(String phone);

    /**
     * Opens a session. A wrong phone or password is a 401 {@code invalid_credentials}; five of them within
     * the lockout window lock the account's login, many more the client address's, for a time that grows (429
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
