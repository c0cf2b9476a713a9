package io.huitong.consumers.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.consumers.*}: how long a session lasts ({@code session-ttl}, 12 hours), and the login
 * guard: {@code lockout.max-failures} (5) wrong passwords within {@code lockout.window} (15 minutes) lock
 * the login for {@code lockout.duration} (15 minutes), per account and per client address.
 */
@ConfigurationProperties("huitong.consumers")
record ConsumersProperties(Duration sessionTtl, Lockout lockout) {

    ConsumersProperties {
        sessionTtl = sessionTtl == null ? Duration.ofHours(12) : sessionTtl;
        lockout = lockout == null ? new Lockout(0, null, null) : lockout;
    }

    record Lockout(int maxFailures, Duration window, Duration duration) {

        Lockout {
            maxFailures = maxFailures <= 0 ? 5 : maxFailures;
            window = window == null ? Duration.ofMinutes(15) : window;
            duration = duration == null ? Duration.ofMinutes(15) : duration;
        }
    }
}
