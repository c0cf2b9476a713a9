package io.huitong.payments.domain;

import java.util.Optional;

/** {@code automatic}: captured with the authorization; {@code manual}: held until the merchant captures it. */
public enum CaptureMethod {
    AUTOMATIC,
    MANUAL;

    private final String wireName = WireNames.of(this);

    public String wireName() {
        return wireName;
    }

    public static Optional<CaptureMethod> fromWire(String text) {
        return WireNames.parse(CaptureMethod.class, text);
    }
}
