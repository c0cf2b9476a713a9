package io.huitong.channels.http;

import io.huitong.channels.ChannelRetry;
import java.net.URI;
import java.time.Duration;

/**
 * Where an HTTP operator is and how long to wait for it; when its breaker opens, and for how long (see
 * {@code huitong.channels.breaker}).
 *
 * @param url   the operator's base URL, such as {@code https://open.example.com}
 * @param retry when new business the operator certainly did not act on is sent again
 */
public record OperatorSettings(URI url, Duration connectTimeout, Duration replyTimeout, int breakerWindow, int breakerMinimumCalls,
                               float breakerFailureRate, Duration breakerOpenDuration, ChannelRetry retry) {

    public OperatorSettings {
        retry = retry == null ? ChannelRetry.DEFAULT : retry;
    }

    /** With the default retry. */
    public OperatorSettings(URI url, Duration connectTimeout, Duration replyTimeout, int breakerWindow, int breakerMinimumCalls,
                            float breakerFailureRate, Duration breakerOpenDuration) {
        this(url, connectTimeout, replyTimeout, breakerWindow, breakerMinimumCalls, breakerFailureRate, breakerOpenDuration, null);
    }

    /** With the default breaker: 50% of the last 20 calls (10 at least) failed opens it for 30 s. */
    public static OperatorSettings of(URI url, Duration connectTimeout, Duration replyTimeout) {
        return new OperatorSettings(url, connectTimeout, replyTimeout, 20, 10, 50f, Duration.ofSeconds(30));
    }

    public OperatorSettings withRetry(ChannelRetry retry) {
        return new OperatorSettings(url, connectTimeout, replyTimeout, breakerWindow, breakerMinimumCalls, breakerFailureRate,
                breakerOpenDuration, retry);
    }

    /** The operator's URL with a path under it. */
    public URI resolve(String path) {
        return URI.create(url.toString().replaceAll("/+$", "") + path);
    }

    public String host() {
        return url.getHost();
    }

    public int port() {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
