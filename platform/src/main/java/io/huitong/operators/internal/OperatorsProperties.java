package io.huitong.operators.internal;

import io.huitong.identity.LoginGuard;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.operators.*}: how long an operator's session lasts ({@code session-ttl}, 8 hours), how long
 * an enrolment token may be used to enrol TOTP ({@code enrollment-ttl}, 15 minutes), and the login guard:
 * {@code lockout.max-failures} (5) wrong passwords or codes within {@code lockout.window} (15 minutes) lock
 * the account's login for {@code lockout.duration} (15 minutes); a client address is locked as a consumer's is
 * ({@code address-lockout.*}: 100 failures, a minute doubling up to an hour).
 */
@ConfigurationProperties("huitong.operators")
record OperatorsProperties(Duration sessionTtl, Duration enrollmentTtl, LoginGuard.Policy lockout, LoginGuard.Policy addressLockout) {

    OperatorsProperties {
        sessionTtl = sessionTtl == null ? Duration.ofHours(8) : sessionTtl;
        enrollmentTtl = enrollmentTtl == null ? Duration.ofMinutes(15) : enrollmentTtl;
        lockout = lockout == null ? new LoginGuard.Policy(0, null, null) : lockout;
        addressLockout = addressLockout == null ? LoginGuard.Policy.addresses() : addressLockout;
    }
}
