package io.huitong.merchantusers.internal;

import io.huitong.identity.LoginGuard;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.merchant-users.*}: how long an invitation link may be used ({@code invitation-ttl}, 72 hours); how long
 * a dashboard session lasts without use ({@code session-idle}, 30 minutes) and at most ({@code session-max}, 12 hours);
 * and the login guard, as operators': {@code lockout.max-failures} (5) wrong passwords or codes within
 * {@code lockout.window} (15 minutes) lock the account's login for {@code lockout.duration} (15 minutes); a client
 * address is locked after many ({@code address-lockout.*}: 100, a minute doubling up to an hour).
 */
@ConfigurationProperties("huitong.merchant-users")
record MerchantUsersProperties(Duration invitationTtl, Duration sessionIdle, Duration sessionMax, LoginGuard.Policy lockout,
                               LoginGuard.Policy addressLockout) {

    MerchantUsersProperties {
        invitationTtl = invitationTtl == null ? Duration.ofHours(72) : invitationTtl;
        sessionIdle = sessionIdle == null ? Duration.ofMinutes(30) : sessionIdle;
        sessionMax = sessionMax == null ? Duration.ofHours(12) : sessionMax;
        lockout = lockout == null ? new LoginGuard.Policy(0, null, null) : lockout;
        addressLockout = addressLockout == null ? LoginGuard.Policy.addresses() : addressLockout;
    }
}
