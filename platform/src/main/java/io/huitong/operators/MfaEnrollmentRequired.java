package io.huitong.operators;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import java.time.Instant;

/**
 * The answer to a right email and password of an operator who has no second factor yet: 401
 * {@code mfa_enrollment_required}, with a short-lived enrolment token that can do nothing but enrol TOTP
 * ({@code POST /v1/operator_mfa/totp} and {@code /confirm}).
 */
public final class MfaEnrollmentRequired extends ApiException {

    private final transient String enrollmentToken;
    private final Instant expiresAt;

    public MfaEnrollmentRequired(String enrollmentToken, Instant expiresAt) {
        super(401, ErrorType.AUTHENTICATION_ERROR, "mfa_enrollment_required",
                "A second factor is required for operators: enrol TOTP with the enrollment_token "
                        + "(POST /v1/operator_mfa/totp, then POST /v1/operator_mfa/totp/confirm).", null);
        this.enrollmentToken = enrollmentToken;
        this.expiresAt = expiresAt;
    }

    public String enrollmentToken() {
        return enrollmentToken;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
