package io.huitong.payments.internal;

import org.springframework.core.env.Environment;

/**
 * Where payers and channels reach the platform: {@code huitong.payments.public-url}, or this instance's own port on
 * localhost (over HTTPS when {@code huitong.tls.enabled}). Hosted pages and channels' notification addresses start here.
 */
class PublicAddress {

    private final PaymentsProperties properties;
    private final Environment environment;
    /** Worked out once the server has its port, not on every request: the environment is a chain of property sources. */
    private volatile String known;

    PublicAddress(PaymentsProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    String base() {
        String base = known;
        if (base != null) {
            return base;
        }
        if (properties.publicUrl() != null && !properties.publicUrl().isBlank()) {
            base = properties.publicUrl().replaceAll("/+$", "");
            known = base;
            return base;
        }
        String port = environment.getProperty("local.server.port");
        String scheme = environment.getProperty("huitong.tls.enabled", Boolean.class, false) ? "https" : "http";
        base = scheme + "://localhost:" + (port != null ? port : environment.getProperty("server.port", "8080"));
        if (port != null) {
            known = base;
        }
        return base;
    }

    /** Where channel {@code channel} sends its signed notifications. */
    String notifyUrl(String channel) {
        return base() + "/notify/" + channel;
    }
}
