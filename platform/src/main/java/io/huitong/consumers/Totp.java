package io.huitong.consumers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A consumer's authenticator app: {@code status} is {@code none}, {@code pending} (set up, not yet
 * confirmed) or {@code enabled}. The Base32 {@code secret} and the {@code otpauth_uri} an app scans are
 * present only while pending. {@link #toString()} hides them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Totp(String object, String status, String secret, String otpauthUri, Instant enabledAt) {

    public static final String NONE = "none";
    public static final String PENDING = "pending";
    public static final String ENABLED = "enabled";

    public Totp(String status, String secret, String otpauthUri, Instant enabledAt) {
        this("totp", status, secret, otpauthUri, enabledAt);
    }

    @Override
    public String toString() {
        return "Totp[" + status + "]";
    }
}
