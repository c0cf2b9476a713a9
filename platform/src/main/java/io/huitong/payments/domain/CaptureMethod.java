package io.huitong.payments.domain;

import java.util.Locale;
import java.util.Optional;

/** {@code automatic}: captured with the authorization; {@code manual}: held until the merchant captures it. */
public enum CaptureMethod {
    AUTOMATIC,
    MANUAL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<CaptureMethod> fromWire(String text) {
        for (CaptureMethod m : values()) {
            if (m.wireName.equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
