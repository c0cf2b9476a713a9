package io.huitong.audit.internal;

import io.huitong.audit.domain.HashAlgorithm;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code huitong.audit.*}.
 *
 * @param algorithm     the hash of new entries: {@code sm3} (default) or {@code sha256}; entries keep the one they were made with
 * @param chainInterval how long a committed record may wait in the queue before the chainer takes it
 * @param batchSize     records chained per transaction
 * @param sealEvery     how often the chainer looks whether yesterday (Asia/Shanghai) is sealed yet
 * @param verifyEvery   how often the whole chain is verified in the background, its outcome a meter
 *                      ({@code huitong.audit.verification.*}); the first time a minute after start, or sooner when
 *                      this is shorter
 */
@ConfigurationProperties("huitong.audit")
record AuditProperties(@DefaultValue("sm3") String algorithm, @DefaultValue("200ms") Duration chainInterval,
                       @DefaultValue("2000") int batchSize, @DefaultValue("10m") Duration sealEvery,
                       @DefaultValue("1h") Duration verifyEvery) {

    AuditProperties {
        if (HashAlgorithm.fromWire(algorithm).isEmpty()) {
            throw new IllegalArgumentException("huitong.audit.algorithm must be sm3 or sha256: " + algorithm);
        }
        if (batchSize < 1 || batchSize > 50_000) {
            throw new IllegalArgumentException("huitong.audit.batch-size must be between 1 and 50000: " + batchSize);
        }
        if (chainInterval.isNegative() || chainInterval.isZero() || sealEvery.isNegative() || sealEvery.isZero()
                || verifyEvery.isNegative() || verifyEvery.isZero()) {
            throw new IllegalArgumentException("huitong.audit.chain-interval, seal-every and verify-every must be positive");
        }
    }

    HashAlgorithm hashAlgorithm() {
        return HashAlgorithm.fromWire(algorithm).orElseThrow();
    }
}
