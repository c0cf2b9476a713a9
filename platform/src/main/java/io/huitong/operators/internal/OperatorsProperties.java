package io.huitong.operators.internal;

import io.huitong.identity.LoginGuard;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.operators.*}: how long an operator's session lasts ({@code session-ttl}, 8 hours), how long
 * an enrolment token may be used to enrol TOTP ({@code enrollment-ttl}, 15 minutes), and the login guard:
 * {@code lockout.max-failures} (5) wrong passwords or codes within {@code lockout.window} (15 minutes) lock
 * the login for {@code lockout.duration} (15 minutes), per account and per client address.
 */
@ConfigurationProperties("huitong.operators")
record OperatorsProperties(Duration sessionTtl, Duration enrollmentTtl, LoginGuard.Policy lockout) {

    OperatorsProperties {
        sessionTtl = sessionTtl == null ? Duration.ofHours(8) : sessionTtl;
        enrollmentTtl = enrollmentTtl == null ? Duration.ofMinutes(15) : enrollmentTtl;
        lockout = lockout == null ? new LoginGuard.Policy(0, null, null) : lockout;
    }
}
