package io.huitong.consumers.internal;

import io.huitong.identity.LoginGuard;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.consumers.*}: how long a session lasts ({@code session-ttl}, 12 hours), and the login
 * guard: {@code lockout.max-failures} (5) wrong passwords within {@code lockout.window} (15 minutes) lock
 * the login for {@code lockout.duration} (15 minutes), per account and per client address.
 */
@ConfigurationProperties("huitong.consumers")
record ConsumersProperties(Duration sessionTtl, LoginGuard.Policy lockout) {

    ConsumersProperties {
        sessionTtl = sessionTtl == null ? Duration.ofHours(12) : sessionTtl;
        lockout = lockout == null ? new LoginGuard.Policy(0, null, null) : lockout;
    }
}
