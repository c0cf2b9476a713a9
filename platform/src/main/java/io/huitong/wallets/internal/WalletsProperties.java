package io.huitong.wallets.internal;

import io.huitong.wallets.AccountClass;
import io.huitong.wallets.domain.Limits;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.wallets.*}: the limits of each account class ({@code limits.<class>.per-transaction.<currency>}
 * and {@code limits.<class>.daily.<currency>}, minor units), the class of a consumer who is not real-name
 * verified ({@code unverified-class}, III), the time zone whose midnight starts a day for the daily limits
 * ({@code day-zone}, Asia/Shanghai), how long a payment code is valid ({@code payment-code-ttl}, 60 s),
 * how often pending top-ups and withdrawals are looked at ({@code resolver-interval}, 2 s), and how long an
 * authenticator must have been on before it confirms a movement risk control challenges
 * ({@code step-up-cool-off}, 24 h).
 */
@ConfigurationProperties("huitong.wallets")
record WalletsProperties(Map<AccountClass, Limits.ClassLimits> limits, AccountClass unverifiedClass, ZoneId dayZone,
                         Duration paymentCodeTtl, Duration resolverInterval, Duration stepUpCoolOff) {

    WalletsProperties {
        limits = limits == null ? Map.of() : Map.copyOf(limits);
        unverifiedClass = unverifiedClass == null ? AccountClass.III : unverifiedClass;
        dayZone = dayZone == null ? ZoneId.of("Asia/Shanghai") : dayZone;
        paymentCodeTtl = paymentCodeTtl == null ? Duration.ofSeconds(60) : paymentCodeTtl;
        resolverInterval = resolverInterval == null ? Duration.ofSeconds(2) : resolverInterval;
        stepUpCoolOff = stepUpCoolOff == null ? Duration.ofHours(24) : stepUpCoolOff;
        if (stepUpCoolOff.isNegative()) {
            throw new IllegalArgumentException("huitong.wallets.step-up-cool-off must not be negative");
        }
    }
}
