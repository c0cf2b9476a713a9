package io.huitong.events;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.webhooks.*}: how often the relay looks for due deliveries and how many it sends at
 * once, the timeouts of one attempt, how long a claimed delivery stays with the instance that claimed
 * it (the lease), the retry schedule, and the networks an operator allows despite the SSRF rules.
 *
 * @param allowedNetworks CIDR ranges (such as {@code 10.20.0.0/16}) where endpoints may point even though
 *                        they are private, loopback or link-local: for receivers inside the operator's
 *                        own network. Empty by default.
 */
@ConfigurationProperties("huitong.webhooks")
record WebhookProperties(Duration pollInterval, Integer batchSize, Duration connectTimeout, Duration requestTimeout,
                         Duration lease, Duration firstRetryDelay, Duration maxRetryDelay, Duration retryWindow,
                         List<String> allowedNetworks) {

    /** docs/api.md: failed deliveries are retried for at least 24 hours. */
    static final Duration MIN_RETRY_WINDOW = Duration.ofHours(24);

    WebhookProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batchSize = batchSize == null ? 50 : batchSize;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(15) : requestTimeout;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        firstRetryDelay = firstRetryDelay == null ? Duration.ofSeconds(10) : firstRetryDelay;
        maxRetryDelay = maxRetryDelay == null ? Duration.ofHours(1) : maxRetryDelay;
        retryWindow = retryWindow == null ? MIN_RETRY_WINDOW : retryWindow;
        allowedNetworks = allowedNetworks == null ? List.of() : allowedNetworks.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("huitong.webhooks.batch-size must be from 1 to 1000");
        }
        if (retryWindow.compareTo(MIN_RETRY_WINDOW) < 0) {
            throw new IllegalArgumentException("huitong.webhooks.retry-window must be at least 24h: the API promises it");
        }
        if (firstRetryDelay.isNegative() || firstRetryDelay.isZero() || maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("huitong.webhooks.first-retry-delay must be positive and at most max-retry-delay");
        }
        // a lease shorter than one attempt would let another instance send the same delivery concurrently
        if (lease.compareTo(connectTimeout.plus(requestTimeout).plusSeconds(5)) < 0) {
            throw new IllegalArgumentException("huitong.webhooks.lease must exceed connect-timeout + request-timeout by 5s at least");
        }
    }

    static WebhookProperties defaults() {
        return new WebhookProperties(null, null, null, null, null, null, null, null, null);
    }

    /** The wait after the {@code failedAttempts}-th failed attempt: doubling from the first delay, capped. */
    Duration retryDelay(int failedAttempts) {
        Duration delay = firstRetryDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
