package io.huitong.channels.http;

import java.net.URI;
import java.time.Duration;

/**
 * Where an HTTP operator is and how long to wait for it; when its breaker opens, and for how long (see
 * {@code huitong.channels.breaker}).
 *
 * @param url the operator's base URL, such as {@code https://open.example.com}
 */
public record OperatorSettings(URI url, Duration connectTimeout, Duration replyTimeout, int breakerWindow, int breakerMinimumCalls,
                               float breakerFailureRate, Duration breakerOpenDuration) {

    /** With the default breaker: 50% of the last 20 calls (10 at least) failed opens it for 30 s. */
    public static OperatorSettings of(URI url, Duration connectTimeout, Duration replyTimeout) {
        return new OperatorSettings(url, connectTimeout, replyTimeout, 20, 10, 50f, Duration.ofSeconds(30));
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
