package io.huitong.operators;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/** Operators' accounts, their second factor and their sessions. */
public interface Operators {

    /** Creates an operator, without a second factor yet; an email already taken is a 409 {@code email_taken}. */
    Operator create(NewOperator request);

    /** Creates an operator as {@link #create} does, but {@link Operator#PENDING}: they can't log in until {@link #activate}. */
    Operator createPending(NewOperator request);

    /** A pending operator's roles were approved: they can log in (409 {@code operator_unexpected_state} for any other status). */
    Operator activate(String operatorId);

    /** Whether an active operator holds this role. */
    boolean anyActive(io.huitong.identity.OperatorRole role);

    Optional<Operator> find(String operatorId);

    /** Newest first. */
    Page<Operator> list(PageRequest page);

    /** Disables the operator: their sessions end and they can't log in again. */
    Operator disable(String operatorId);

    /**
     * Removes the operator's TOTP (a lost device): their sessions end, and their next login with the right
     * password leads to a new enrolment.
     */
    Operator resetMfa(String operatorId);

    /**
     * Ends every operator session that is still open (access that may have leaked): everyone logs in again with password
     * and code. Returns how many sessions ended.
     */
    int endAllSessions();

    /**
     * Opens a session for email, password and a valid TOTP code. A wrong email or password is a 401
     * {@code invalid_credentials}; a missing code a 401 {@code mfa_required}; a wrong one (or one used
     * before) a 401 {@code invalid_otp}. Wrong passwords and codes count towards the lockout (429
     * {@code login_locked}), per account and per client address. An operator without TOTP gets
     * {@link MfaEnrollmentRequired}, never a session.
     */
    OperatorSession login(OperatorLogin request, String clientAddress);

    /** Starts (or restarts) TOTP enrolment with the token from {@link MfaEnrollmentRequired}. */
    TotpEnrollment beginTotpEnrollment(String enrollmentToken);

    /**
     * Confirms the enrolment with a code from the new secret: TOTP is on, the enrolment token is spent, and
     * the operator, having now shown both factors, gets a session.
     */
    OperatorSession confirmTotpEnrollment(String enrollmentToken, String code, String clientAddress);

    /** Ends the session behind this token; it authenticates nothing afterwards. */
    void logout(String token);
}
