package io.huitong.web.operators;

import java.util.Map;
import io.huitong.web.audit.AccessTrail;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.operators.MfaEnrollmentRequired;
import io.huitong.operators.OperatorLogin;
import io.huitong.operators.OperatorSession;
import io.huitong.operators.Operators;
import io.huitong.operators.TotpEnrollment;
import io.huitong.web.error.ApiError;
import io.huitong.web.request.RequestIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' login with a mandatory second factor, TOTP enrolment, and logout. The enrolment endpoints take
 * the enrolment token from the login's 401 {@code mfa_enrollment_required} as {@code Authorization: Bearer oet_...};
 * that token reaches nothing else.
 */
@RestController
@Tag(name = "Operators")
class OperatorSessionController {

    private final Operators operators;
    private final AccessTrail access;

    OperatorSessionController(Operators operators, AccessTrail access) {
        this.operators = operators;
        this.access = access;
    }

    record SessionView(@Schema(allowableValues = "operator_session") String object, String token, Instant expiresAt,
                       OperatorView operator) {

        static SessionView of(OperatorSession s) {
            return new SessionView("operator_session", s.token(), s.expiresAt(), OperatorView.of(s.operator()));
        }
    }

    /** The 401 of an operator who must enrol TOTP first: the contract's error, and the token to enrol with. */
    record EnrollmentRequiredView(ApiError.Body error, String enrollmentToken, Instant enrollmentTokenExpiresAt) {
    }

    record EnrollmentView(@Schema(allowableValues = "totp_enrollment") String object,
                          @Schema(description = "base32; shown during enrolment only") String secret,
                          @Schema(description = "otpauth:// URI for an authenticator app (as a QR code or typed in)") String otpauthUri,
                          String algorithm, int digits, int period) {

        static EnrollmentView of(TotpEnrollment e) {
            return new EnrollmentView("totp_enrollment", e.secret(), e.otpauthUri(), e.algorithm(), e.digits(), e.period());
        }
    }

    record Confirmation(String code) {
    }

    @PostMapping("/v1/operator_sessions")
    @Operation(summary = "Log in with email, password and the current TOTP code: a session token for Authorization: Bearer (8 h)",
            description = "201 with the session. 401: invalid_credentials, mfa_required (no otp), invalid_otp (wrong or reused code), "
                    + "operator_disabled, or mfa_enrollment_required with an enrollment_token when the operator has no TOTP yet. "
                    + "Five failures within 15 minutes lock the login for the account and the client address (429 login_locked).")
    ResponseEntity<?> login(@RequestBody OperatorLogin body, HttpServletRequest request) {
        OperatorSession session;
        try {
            session = operators.login(body, request.getRemoteAddr());
        } catch (MfaEnrollmentRequired e) {
            access.record(AccessTrail.ANONYMOUS, LOGIN, null, request, Map.of("email", body.email(), "outcome", e.code()));
            return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                    .body(new EnrollmentRequiredView(ApiError.of(e, RequestIds.of(request)).error(), e.enrollmentToken(), e.expiresAt()));
        } catch (ApiException e) {
            // a failed or refused attempt: who was tried, from where, and why it failed (never the password or the code)
            access.record(AccessTrail.ANONYMOUS, LOGIN, null, request, Map.of("email", body.email(), "outcome", e.code()));
            throw e;
        }
        access.record(session.operator().id(), LOGIN, session.operator().id(), request, Map.of("outcome", "succeeded"));
        return ResponseEntity.status(HttpStatus.CREATED).body(SessionView.of(session));
    }

    static final String LOGIN = "operator.login";
    static final String ENROL = "operator.totp_enrolled";

    @DeleteMapping("/v1/operator_sessions/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Log out: the session's token authenticates nothing afterwards")
    void logout(ApiPrincipal caller, @RequestHeader("Authorization") String authorization, HttpServletRequest request) {
        String token = bearer(authorization);
        if (caller.kind() != ApiPrincipal.Kind.OPERATOR || !token.startsWith("ost_")) {
            throw ApiException.invalid("Authorization", "Only an operator's session token (ost_...) can be logged out.");
        }
        operators.logout(token);
        access.record(caller.id(), "operator.logout", caller.id(), request, Map.of("outcome", "succeeded"));
    }

    @PostMapping("/v1/operator_mfa/totp")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start TOTP enrolment with the enrolment token: a new secret for the authenticator app",
            description = "Authorization: Bearer <enrollment_token>. Starting again replaces the secret not yet confirmed.")
    EnrollmentView beginTotp(@RequestHeader(value = "Authorization", required = false) String authorization) {
        return EnrollmentView.of(operators.beginTotpEnrollment(bearer(authorization)));
    }

    @PostMapping("/v1/operator_mfa/totp/confirm")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Confirm TOTP enrolment with a current code: TOTP is on, and the answer is a session",
            description = "Authorization: Bearer <enrollment_token>; body {\"code\":\"123456\"}. A wrong code is a 401 invalid_otp and "
                    + "counts towards the lockout.")
    SessionView confirmTotp(@RequestHeader(value = "Authorization", required = false) String authorization,
                            @RequestBody Confirmation body, HttpServletRequest request) {
        OperatorSession session;
        try {
            session = operators.confirmTotpEnrollment(bearer(authorization), body == null ? null : body.code(), request.getRemoteAddr());
        } catch (ApiException e) {
            access.record(AccessTrail.ANONYMOUS, ENROL, null, request, Map.of("outcome", e.code()));
            throw e;
        }
        access.record(session.operator().id(), ENROL, session.operator().id(), request, Map.of("outcome", "succeeded"));
        return SessionView.of(session);
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            return "";
        }
        return authorization.substring(7).strip();
    }
}
