package io.huitong.payments.internal;

import org.springframework.core.env.Environment;

/**
 * Where payers and channels reach the platform: {@code huitong.payments.public-url}, or this instance's own port on
 * localhost. Hosted pages and channels' notification addresses start here.
 */
class PublicAddress {

    private final PaymentsProperties properties;
    private final Environment environment;

    PublicAddress(PaymentsProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    String base() {
        if (properties.publicUrl() != null && !properties.publicUrl().isBlank()) {
            return properties.publicUrl().replaceAll("/+$", "");
        }
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    /** Where channel {@code channel} sends its signed notifications. */
    String notifyUrl(String channel) {
        return base() + "/notify/" + channel;
    }
}
