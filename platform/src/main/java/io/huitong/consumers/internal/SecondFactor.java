package io.huitong.consumers.internal;

import java.time.Instant;

/** What a login asks of a consumer beyond the password. */
interface SecondFactor {

    /** Whether the consumer's login needs a one-time code. */
    boolean required(String userId);

    /** Whether {@code otp} (a current code or an unused recovery code) proves it; a code accepted once is spent. */
    boolean accepts(String userId, String otp, Instant now);
}
