package io.huitong.web.checkout;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where payers open a checkout page: {@code huitong.payments.public-url} (as for the hosted step-up page), or this
 * instance's own port on localhost (over HTTPS when {@code huitong.tls.enabled}).
 */
@Component
class CheckoutLinks {

    private final Environment environment;

    CheckoutLinks(Environment environment) {
        this.environment = environment;
    }

    String page(String sessionId) {
        return base() + "/checkout/" + sessionId;
    }

    private String base() {
        String configured = environment.getProperty("huitong.payments.public-url");
        if (configured != null && !configured.isBlank()) {
            return configured.strip().replaceAll("/+$", "");
        }
        boolean tls = environment.getProperty("huitong.tls.enabled", Boolean.class, false);
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            port = tls ? environment.getProperty("huitong.tls.port", "8443") : environment.getProperty("server.port", "8080");
        }
        return (tls ? "https" : "http") + "://localhost:" + port;
    }
}
