package io.huitong.payments.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.payments.*}. The resolver looks at a payment whose outcome is unknown after
 * {@code resolver.first-look}, again with doubling intervals, and gives up (reverses, fails the payment)
 * once it has been unknown for {@code resolver.give-up-after}. An order for a bank transfer, an e-CNY
 * payment or a QR code stays open for the payer {@code order-expiry} (default 15 minutes). A repeat of a request
 * that creates a payment, while the first has not answered, is refused as still running for {@code request-lease}
 * (default 30 s: longer than any channel's answer); after that the first is taken to have died.
 */
@ConfigurationProperties("huitong.payments")
record PaymentsProperties(String publicUrl, Resolver resolver, Duration orderExpiry, Duration requestLease) {

    PaymentsProperties {
        if (requestLease == null) {
            requestLease = Duration.ofSeconds(30);
        }
        if (resolver == null) {
            resolver = new Resolver(null, null, null);
        }
        if (orderExpiry == null) {
            orderExpiry = Duration.ofMinutes(15);
        }
    }

    record Resolver(Duration interval, Duration firstLook, Duration giveUpAfter) {

        Resolver {
            interval = interval == null ? Duration.ofSeconds(1) : interval;
            firstLook = firstLook == null ? Duration.ofSeconds(15) : firstLook;
            giveUpAfter = giveUpAfter == null ? Duration.ofMinutes(2) : giveUpAfter;
        }
    }
}
