package io.huitong.wallets.internal;

import io.huitong.wallets.AccountClass;
import io.huitong.wallets.domain.ClassRules;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.wallets.*}: the payment-account classes ({@code classes.limits.<class>}, the most a wallet of the class pays
 * and transfers, CNY minor units: I since the account opened, 100,000 by default; II and III a calendar year, 10,000,000 and
 * 20,000,000; {@code classes.zone}, whose new year starts the year, Asia/Shanghai), how long a payment code is valid
 * ({@code payment-code-ttl}, 60 s), how often pending top-ups and withdrawals are looked at ({@code resolver-interval}, 2 s),
 * and how long an authenticator must have been on before it confirms a movement risk control challenges
 * ({@code step-up-cool-off}, 24 h).
 */
@ConfigurationProperties("huitong.wallets")
record WalletsProperties(Classes classes, Duration paymentCodeTtl, Duration resolverInterval, Duration stepUpCoolOff) {

    /** {@code huitong.wallets.classes.*}. */
    record Classes(Map<AccountClass, Long> limits, ZoneId zone) {

        Classes {
            limits = limits == null ? ClassRules.REGULATION : Map.copyOf(limits);
            zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        }
    }

    WalletsProperties {
        classes = classes == null ? new Classes(null, null) : classes;
        paymentCodeTtl = paymentCodeTtl == null ? Duration.ofSeconds(60) : paymentCodeTtl;
        resolverInterval = resolverInterval == null ? Duration.ofSeconds(2) : resolverInterval;
        stepUpCoolOff = stepUpCoolOff == null ? Duration.ofHours(24) : stepUpCoolOff;
        if (stepUpCoolOff.isNegative()) {
            throw new IllegalArgumentException("huitong.wallets.step-up-cool-off must not be negative");
        }
    }
}
