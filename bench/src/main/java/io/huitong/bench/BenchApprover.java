package io.huitong.bench;

import io.huitong.identity.Totp;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.UUID;

/**
 * A second operator, with the finance role, who approves what the admin key asks for and may not take effect on one
 * person's word (a merchant's settlement bank account). Made through the operator API as a person is: created with the
 * admin key, enrolled in TOTP with the secret the platform shows once, logged in by confirming the first code.
 */
final class BenchApprover {

    private final BenchPlatform platform;
    private final String token;

    private BenchApprover(BenchPlatform platform, String token) {
        this.platform = platform;
        this.token = token;
    }

    static BenchApprover enrol(BenchPlatform platform, HttpClient http) {
        String email = "approver-" + UUID.randomUUID() + "@bench.example";
        String password = "Bench approver " + UUID.randomUUID();
        platform.post(http, "/v1/admin/operators", "{\"email\":\"" + email + "\",\"name\":\"Bench Approver\",\"roles\":[\"finance\"],"
                + "\"password\":\"" + password + "\"}", 201);
        String enrolment = BenchSupport.field(platform.postAs(http, null, "/v1/operator_sessions",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", 401), "enrollment_token");
        String secret = BenchSupport.field(platform.postAs(http, enrolment, "/v1/operator_mfa/totp", "{}", 201), "secret");
        String session = platform.postAs(http, enrolment, "/v1/operator_mfa/totp/confirm",
                "{\"code\":\"" + Totp.sha1().codeAt(secret, Instant.now()) + "\"}", 201);
        return new BenchApprover(platform, BenchSupport.field(session, "token"));
    }

    /** Approves the approval a change was answered with (a 202's body). */
    void approve(HttpClient http, String pending) {
        platform.postAs(http, token, "/v1/admin/approvals/" + BenchSupport.field(pending, "id") + "/approve", "{}", 200);
    }
}
