package io.huitong.channels;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the channels are ({@code huitong.channels.*}). Exactly one source is used, in this order:
 * <ol>
 *   <li>{@code card}: acquirers named one by one (a real acquirer's host and port);</li>
 *   <li>{@code simulator-url} ({@code HUITONG_SIMULATOR_URL}): every channel of a running simulator, as
 *       its {@code GET /control/channels} lists them;</li>
 *   <li>neither: the simulator is started inside the platform on loopback (the embedded default).</li>
 * </ol>
 *
 * @param card           card acquirers speaking ISO 8583, in the order payments try them
 * @param simulatorUrl   a running simulator's control API, e.g. {@code http://127.0.0.1:9090}
 * @param connectTimeout how long to wait for a connection to an acquirer
 * @param replyTimeout   how long to wait for an acquirer's answer; after that the outcome is unknown and the
 *                       payment's resolver finds out
 * @param breaker        when an acquirer's circuit breaker opens, and for how long
 * @param retry          when new business a channel certainly did not act on is sent to it again
 * @param probe          how often channels whose breaker is open are asked whether they answer again
 */
@ConfigurationProperties("huitong.channels")
record ChannelsProperties(List<Acquirer> card, String simulatorUrl, Duration connectTimeout, Duration replyTimeout, Breaker breaker,
                          Retry retry, Probe probe) {

    ChannelsProperties {
        card = card == null ? List.of() : List.copyOf(card);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        replyTimeout = replyTimeout == null ? Duration.ofSeconds(10) : replyTimeout;
        breaker = breaker == null ? new Breaker(0, 0, 0, null) : breaker;
        retry = retry == null ? new Retry(0, null, null) : retry;
        probe = probe == null ? new Probe(null, null) : probe;
    }

    /**
     * An acquirer's breaker opens when {@code failureRate} percent of its last {@code window} payments (and
     * at least {@code minimumCalls}) got no decision: an error, a refused connection or no answer in time.
     * It then keeps new payments away for {@code openFor}, and lets one through to try again.
     */
    record Breaker(int window, int minimumCalls, float failureRate, Duration openFor) {

        Breaker {
            window = window <= 0 ? 20 : window;
            minimumCalls = minimumCalls <= 0 ? 10 : minimumCalls;
            failureRate = failureRate <= 0 ? 50f : failureRate;
            openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
        }
    }

    /**
     * A call a channel certainly did not act on (it answered "system error, nothing done", or the request never
     * reached it) is attempted up to {@code attempts} times in all, the n-th retry after n × {@code backoff}, as
     * long as the first attempt started less than {@code budget} ago. Unknown outcomes are never sent again.
     */
    record Retry(int attempts, Duration backoff, Duration budget) {

        Retry {
            attempts = attempts <= 0 ? ChannelRetry.DEFAULT.attempts() : attempts;
            backoff = backoff == null ? ChannelRetry.DEFAULT.backoff() : backoff;
            budget = budget == null ? ChannelRetry.DEFAULT.budget() : budget;
        }

        ChannelRetry policy() {
            return new ChannelRetry(attempts, backoff, budget);
        }
    }

    /**
     * Every {@code interval}, each channel whose breaker is open is sent its protocol's echo, answered within
     * {@code timeout}; one that answers is half-opened, so that the next payment tries it.
     */
    record Probe(Duration interval, Duration timeout) {

        Probe {
            interval = interval == null ? Duration.ofSeconds(1) : interval;
            timeout = timeout == null ? Duration.ofSeconds(1) : timeout;
        }
    }

    /** One ISO 8583 acquirer. */
    record Acquirer(String name, String host, int port) {
    }
}
