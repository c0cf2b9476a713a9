package io.huitong.simulator;

import java.util.Locale;

/** How a simulated acquirer behaves right now; set through the control API to rehearse failures. */
public enum Mode {
    /** Answers every request as a healthy acquirer would. */
    UP,
    /** Refuses connections and drops the open ones: the platform must see "unavailable" and fail over. */
    DOWN,
    /** Answers every request with response code 96, system error, having done nothing. */
    ERROR,
    /** Reads requests and never answers or acts on them. */
    TIMEOUT,
    /** Acts on requests (approves and records) but answers only after {@code latency_ms}, or 30 s: after the platform gave up. */
    LATE_APPROVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named on the wire, or null when there is none of that name. */
    public static Mode ofWire(String text) {
        for (Mode m : values()) {
            if (m.wire().equals(text)) {
                return m;
            }
        }
        return null;
    }
}
