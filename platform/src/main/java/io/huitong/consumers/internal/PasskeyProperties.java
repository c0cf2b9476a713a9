package io.huitong.consumers.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.consumers.passkeys.*}: the WebAuthn relying party. {@code rp-id} (the domain passkeys
 * are bound to, {@code localhost}), {@code rp-name} (what authenticators show, {@code Huitong}),
 * {@code origins} (the web origins ceremonies may come from; when unset, {@code http://localhost:8080}
 * and the platform's public URL {@code huitong.payments.public-url}), and how long a ceremony's challenge
 * may be answered ({@code challenge-ttl}, 5 minutes).
 */
@ConfigurationProperties("huitong.consumers.passkeys")
record PasskeyProperties(String rpId, String rpName, List<String> origins, Duration challengeTtl) {

    PasskeyProperties {
        rpId = rpId == null || rpId.isBlank() ? "localhost" : rpId.strip();
        rpName = rpName == null || rpName.isBlank() ? "Huitong" : rpName.strip();
        origins = origins == null ? List.of() : origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        challengeTtl = challengeTtl == null ? Duration.ofMinutes(5) : challengeTtl;
    }
}
