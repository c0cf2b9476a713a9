package io.huitong.channels.iso20022;

import io.huitong.channels.ChannelRetry;
import io.huitong.protocols.iso20022.BankAccount;
import java.net.URI;
import java.time.Duration;

/**
 * Where a bank is and how long to wait for it.
 *
 * @param baseUrl             the bank's base URL; messages go to {@code {baseUrl}/iso20022/...}
 * @param settlementAccount   our account at the bank: credited by pay-ins, debited by payouts and returns
 * @param signingKey          the key shared with the bank that signs its status pushes
 * @param signatureTolerance  how far a push's signature time may be from ours before it counts as a replay
 * @param retry               when new business the bank booked none of is sent again
 */
public record BankChannelSettings(URI baseUrl, BankAccount settlementAccount, String signingKey, Duration connectTimeout,
                                  Duration replyTimeout, Duration signatureTolerance, int breakerWindow, int breakerMinimumCalls,
                                  float breakerFailureRate, Duration breakerOpenDuration, ChannelRetry retry) {

    public BankChannelSettings {
        retry = retry == null ? ChannelRetry.DEFAULT : retry;
        if (baseUrl == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the bank's URL is required, such as https://bank.example/");
        }
        if (settlementAccount == null) {
            throw new IllegalArgumentException("the settlement account is required");
        }
        if (signingKey == null || signingKey.length() < 16) {
            throw new IllegalArgumentException("the bank's signing key is required (16 characters or more)");
        }
    }

    /** With the default retry. */
    public BankChannelSettings(URI baseUrl, BankAccount settlementAccount, String signingKey, Duration connectTimeout, Duration replyTimeout,
                               Duration signatureTolerance, int breakerWindow, int breakerMinimumCalls, float breakerFailureRate,
                               Duration breakerOpenDuration) {
        this(baseUrl, settlementAccount, signingKey, connectTimeout, replyTimeout, signatureTolerance, breakerWindow, breakerMinimumCalls,
                breakerFailureRate, breakerOpenDuration, null);
    }

    public BankChannelSettings withRetry(ChannelRetry retry) {
        return new BankChannelSettings(baseUrl, settlementAccount, signingKey, connectTimeout, replyTimeout, signatureTolerance, breakerWindow,
                breakerMinimumCalls, breakerFailureRate, breakerOpenDuration, retry);
    }

    /** Defaults for everything but the bank: a 5-minute signature tolerance, the breaker as for card acquirers. */
    public static BankChannelSettings of(URI baseUrl, BankAccount settlementAccount, String signingKey, Duration connectTimeout,
                                         Duration replyTimeout) {
        return new BankChannelSettings(baseUrl, settlementAccount, signingKey, connectTimeout, replyTimeout, Duration.ofMinutes(5), 20, 10,
                50f, Duration.ofSeconds(30));
    }

    public int port() {
        int port = baseUrl.getPort();
        return port >= 0 ? port : "https".equalsIgnoreCase(baseUrl.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return "BankChannelSettings[" + baseUrl + ", " + settlementAccount + ", reply timeout " + replyTimeout + "]";
    }
}
