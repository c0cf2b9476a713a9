package io.huitong.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.audit.Verification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditVerificationMetersTest {

    private static Verification outcome(boolean valid) {
        return new Verification(valid, 10, "ab".repeat(32), "sm3", valid ? null : 7L, valid ? null : "hash", null, 0, 1, 9, "key");
    }

    @Test
    void unknownBeforeTheFirstVerificationThenTheNewestOutcomeAndWhenItFinished() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AuditVerificationMeters meters = new AuditVerificationMeters();
        meters.register(registry);

        assertThat(registry.get(AuditVerificationMeters.VALID).gauge().value()).isNaN();
        assertThat(registry.get(AuditVerificationMeters.TIMESTAMP).gauge().value()).isNaN();

        meters.record(outcome(true), Instant.ofEpochSecond(1_800_000_000L));
        assertThat(registry.get(AuditVerificationMeters.VALID).gauge().value()).isEqualTo(1);
        assertThat(registry.get(AuditVerificationMeters.TIMESTAMP).gauge().value()).isEqualTo(1_800_000_000.0);

        meters.record(outcome(false), Instant.ofEpochSecond(1_800_003_600L));
        assertThat(registry.get(AuditVerificationMeters.VALID).gauge().value()).isZero();
        assertThat(registry.get(AuditVerificationMeters.TIMESTAMP).gauge().value()).isEqualTo(1_800_003_600.0);
    }
}
