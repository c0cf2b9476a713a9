package io.huitong.consumers.internal;

import io.huitong.identity.LoginGuard;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.consumers.*}: how long a session lasts ({@code session-ttl}, 12 hours), and the login
 * guard: {@code lockout.max-failures} (5) wrong passwords within {@code lockout.window} (15 minutes) lock
 * the account's login for {@code lockout.duration} (15 minutes); a client address, which many consumers may share, is
 * locked by {@code address-lockout.max-failures} (100) within {@code address-lockout.window} (15 minutes), for
 * {@code address-lockout.duration} (a minute), twice as long with each lock in a row up to
 * {@code address-lockout.max-duration} (an hour); and whether a verification channel no outside service is configured for
 * ({@link io.huitong.consumers.ChannelCheck}) refuses claims ({@code verification.providers-required}, false: such a
 * channel checks the form of what it is given, and records that it did only that).
 */
@ConfigurationProperties("huitong.consumers")
record ConsumersProperties(Duration sessionTtl, LoginGuard.Policy lockout, LoginGuard.Policy addressLockout,
                           VerificationSettings verification) {

    /** {@code huitong.consumers.verification.*}. */
    record VerificationSettings(boolean providersRequired) {
    }

    ConsumersProperties {
        verification = verification == null ? new VerificationSettings(false) : verification;
        sessionTtl = sessionTtl == null ? Duration.ofHours(12) : sessionTtl;
        lockout = lockout == null ? new LoginGuard.Policy(0, null, null) : lockout;
        addressLockout = addressLockout == null ? LoginGuard.Policy.addresses() : addressLockout;
    }
}
