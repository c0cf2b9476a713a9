package io.huitong.audit.internal;

import io.huitong.audit.Verification;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;

/**
 * The outcome of the newest verification of the audit chain (by the periodic check, an operator through the API):
 * {@code huitong.audit.verification.valid} is 1 when the chain held, 0 when it did not, NaN before the first
 * verification since start; {@code huitong.audit.verification.timestamp} is when that verification finished (seconds
 * since the epoch, NaN before the first), so that a verification that stopped running is seen too. Thread-safe.
 */
final class AuditVerificationMeters {

    static final String VALID = "huitong.audit.verification.valid";
    static final String TIMESTAMP = "huitong.audit.verification.timestamp";

    private record Outcome(boolean valid, Instant at) {
    }

    private volatile Outcome last;

    void register(MeterRegistry registry) {
        Gauge.builder(VALID, this, AuditVerificationMeters::valid)
                .description("1 when the newest verification of the audit chain found it intact, 0 when it found it broken")
                .strongReference(true).register(registry);
        Gauge.builder(TIMESTAMP, this, AuditVerificationMeters::timestamp).baseUnit("seconds")
                .description("when the newest verification of the audit chain finished")
                .strongReference(true).register(registry);
    }

    void record(Verification verification, Instant at) {
        last = new Outcome(verification.valid(), at);
    }

    double valid() {
        Outcome o = last;
        return o == null ? Double.NaN : o.valid() ? 1 : 0;
    }

    double timestamp() {
        Outcome o = last;
        return o == null ? Double.NaN : o.at().toEpochMilli() / 1000.0;
    }
}
