package io.huitong.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Operators for HTTP tests: created with the admin key, enrolled in TOTP and logged in, as a person would,
 * with codes computed from the enrolled secret at the platform's (mutable) clock.
 */
public final class TestOperators {

    public static final String PASSWORD = "Lantern-festival 2026";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    /** The first security administrator made on each platform: once there is one, they approve later role grants. */
    private static final java.util.Map<MutableClock, LoggedIn> SECURITY = new java.util.concurrent.ConcurrentHashMap<>();

    private final Api api;
    private final MutableClock clock;

    public TestOperators(Api api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** An operator logged in with password and TOTP: their id, email, TOTP secret and session token. */
    public record LoggedIn(String id, String email, String totpSecret, String token) {

        public String bearer() {
            return Api.bearer(token);
        }
    }

    public static String newEmail() {
        return "operator" + SEQUENCE.incrementAndGet() + "@huitong.example";
    }

    /** {@code POST /v1/admin/operators} with the admin key. */
    public Api.Response create(String email, String... roles) {
        String list = Arrays.stream(roles).map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        return api.postJson("/v1/admin/operators", "{\"email\":\"" + email + "\",\"name\":\"Li Lei\",\"roles\":[" + list
                + "],\"password\":\"" + PASSWORD + "\"}", "Authorization", Api.bearer(ApiTestSupport.ADMIN_KEY));
    }

    public Api.Response login(String email, String password, String otp) {
        return api.postJson("/v1/operator_sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\""
                + (otp == null ? "" : ",\"otp\":\"" + otp + "\"") + "}");
    }

    /** Logs in with the current code, after moving the clock past the step of the code used last. */
    public Api.Response loginWithCode(String email, String secret) {
        clock.advance(Duration.ofSeconds(30));
        return login(email, PASSWORD, code(secret, clock.instant()));
    }

    /** The enrolment token a first login (right password, no TOTP yet) answers. */
    public String enrollmentToken(String email) {
        Api.Response r = login(email, PASSWORD, null);
        require(r, 401);
        if (!"mfa_enrollment_required".equals(r.error("code"))) {
            throw new IllegalStateException("expected mfa_enrollment_required: " + r.body());
        }
        return r.json().path("enrollment_token").asString();
    }

    public Api.Response beginEnrollment(String enrollmentToken) {
        return api.postJson("/v1/operator_mfa/totp", "{}", "Authorization", Api.bearer(enrollmentToken));
    }

    public Api.Response confirmEnrollment(String enrollmentToken, String code) {
        return api.postJson("/v1/operator_mfa/totp/confirm", "{\"code\":\"" + code + "\"}", "Authorization", Api.bearer(enrollmentToken));
    }

    /** Creates an operator with these roles, enrols TOTP and logs in. */
    public LoggedIn createAndLogIn(String... roles) {
        String email = newEmail();
        Api.Response created = create(email, roles);
        String id;
        if (created.status() == 202 && SECURITY.containsKey(clock)) {
            // the role grant waits for a security administrator: the platform's first one approves it
            id = created.json().path("object_id").asString();
            require(api.postJson("/v1/admin/approvals/" + created.json().path("id").asString() + "/approve", "{}", "Authorization",
                    SECURITY.get(clock).bearer()), 200);
        } else {
            id = require(created, 201).json().path("id").asString();
        }
        String enrollment = enrollmentToken(email);
        String secret = require(beginEnrollment(enrollment), 201).json().path("secret").asString();
        Api.Response session = require(confirmEnrollment(enrollment, code(secret, clock.instant())), 201);
        LoggedIn in = new LoggedIn(id, email, secret, session.json().path("token").asString());
        if (created.status() == 201 && java.util.Arrays.asList(roles).contains("security")) {
            // the platform's first security administrator, by its platform's clock (one per Spring context; a later platform may get
            // an earlier one's port)
            SECURITY.put(clock, in);
        }
        return in;
    }

    /** The TOTP code of a base32 secret at an instant: RFC 6238, HMAC-SHA1, 6 digits, 30 s. */
    public static String code(String secret, Instant at) {
        return io.huitong.identity.Totp.sha1().codeAt(secret, at);
    }

    private static Api.Response require(Api.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + r.status() + " " + r.body());
        }
        return r;
    }
}
