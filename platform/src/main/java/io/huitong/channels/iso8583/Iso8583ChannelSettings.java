package io.huitong.channels.iso8583;

import io.huitong.channels.ChannelRetry;
import java.time.Duration;

/**
 * Where an ISO 8583 acquirer listens and how long to wait for it, and when to stop asking it.
 *
 * @param connectTimeout      how long to wait for a connection; a connection not made is "unavailable"
 * @param replyTimeout        how long to wait for an answer once the request is written; after that the
 *                            outcome is unknown, so it should be shorter than the payer's patience but
 *                            longer than the acquirer's usual latency
 * @param breakerWindow       how many recent calls the circuit breaker judges
 * @param breakerMinimumCalls calls needed before the breaker may open
 * @param breakerFailureRate  percentage of failed calls (unavailable or unknown) that opens the breaker
 * @param breakerOpenDuration how long an open breaker answers "unavailable" without calling
 * @param retry               when a request the acquirer certainly did not act on is sent again
 */
public record Iso8583ChannelSettings(String host, int port, Duration connectTimeout, Duration replyTimeout,
                                     int breakerWindow, int breakerMinimumCalls, float breakerFailureRate,
                                     Duration breakerOpenDuration, ChannelRetry retry) {

    public Iso8583ChannelSettings {
        retry = retry == null ? ChannelRetry.DEFAULT : retry;
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(replyTimeout, "replyTimeout");
        requirePositive(breakerOpenDuration, "breakerOpenDuration");
        if (breakerWindow < 1 || breakerMinimumCalls < 1 || breakerFailureRate <= 0 || breakerFailureRate > 100) {
            throw new IllegalArgumentException("the breaker needs a window and minimum of at least 1 and a failure rate in (0, 100]");
        }
    }

    /** With the default retry. */
    public Iso8583ChannelSettings(String host, int port, Duration connectTimeout, Duration replyTimeout, int breakerWindow,
                                  int breakerMinimumCalls, float breakerFailureRate, Duration breakerOpenDuration) {
        this(host, port, connectTimeout, replyTimeout, breakerWindow, breakerMinimumCalls, breakerFailureRate, breakerOpenDuration, null);
    }

    /** Default breaker: opens when half of the last 20 calls (at least 5) failed, for 30 seconds. */
    public static Iso8583ChannelSettings of(String host, int port, Duration connectTimeout, Duration replyTimeout) {
        return new Iso8583ChannelSettings(host, port, connectTimeout, replyTimeout, 20, 5, 50f, Duration.ofSeconds(30));
    }

    public Iso8583ChannelSettings withBreaker(int window, int minimumCalls, float failureRate, Duration openDuration) {
        return new Iso8583ChannelSettings(host, port, connectTimeout, replyTimeout, window, minimumCalls, failureRate, openDuration, retry);
    }

    public Iso8583ChannelSettings withRetry(ChannelRetry retry) {
        return new Iso8583ChannelSettings(host, port, connectTimeout, replyTimeout, breakerWindow, breakerMinimumCalls, breakerFailureRate,
                breakerOpenDuration, retry);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
