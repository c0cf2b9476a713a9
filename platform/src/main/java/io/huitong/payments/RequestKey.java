package io.huitong.payments;

/**
 * The {@code Idempotency-Key} a merchant's request carried, the keyed fingerprint of the request it came with (null:
 * the request is not compared, only the key), and the request's id, under which a replayed refusal is answered again.
 */
public record RequestKey(String key, String fingerprint, String requestId) {

    public RequestKey {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an idempotency key is 1 to 255 characters");
        }
    }
}
