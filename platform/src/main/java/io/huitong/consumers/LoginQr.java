package io.huitong.consumers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A login QR: {@code status} is {@code pending}, {@code approved}, {@code consumed} or {@code expired}.
 * {@code qr_payload} and {@code poll_token} are in the answer to its creation only, {@code session} in the
 * one poll that hands it out. {@link #toString()} hides all three.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoginQr(String id, String object, String status, String qrPayload, String pollToken, Instant expiresAt,
                      Session session) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String CONSUMED = "consumed";
    public static final String EXPIRED = "expired";

    public LoginQr(String id, String status, String qrPayload, String pollToken, Instant expiresAt, Session session) {
        this(id, "login_qr", status, qrPayload, pollToken, expiresAt, session);
    }

    @Override
    public String toString() {
        return "LoginQr[" + id + ", " + status + "]";
    }
}
