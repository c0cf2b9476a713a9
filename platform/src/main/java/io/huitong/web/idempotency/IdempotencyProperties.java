package io.huitong.web.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.idempotency.*}: how long keys are kept (docs/api.md promises at least 24 hours) and how long
 * a running request holds its key before another instance may assume it died and take over.
 */
@ConfigurationProperties("huitong.idempotency")
record IdempotencyProperties(Duration retention, Duration lease) {

    IdempotencyProperties {
        retention = retention == null ? Duration.ofHours(48) : retention;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("huitong.idempotency.retention must be at least 24h: the API promises it");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("huitong.idempotency.lease must be at least 1s");
        }
    }
}
