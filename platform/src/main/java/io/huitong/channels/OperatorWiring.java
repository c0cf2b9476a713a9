package io.huitong.channels;

import io.huitong.channels.http.OperatorSettings;
import io.huitong.payments.channel.OrderNotifications;
import java.net.URI;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the wiring of the HTTP operators (e-CNY, the wallet operator) shares. */
final class OperatorWiring {

    private OperatorWiring() {
    }

    /** A simulated operator: its base URL and public key, read from the simulator's control API. */
    record SimulatedOperator(String controlUrl, URI url, String publicKey) {
    }

    /** The simulated operator named {@code name}, from {@code HUITONG_SIMULATOR_URL} or the embedded simulator; null when there is neither. */
    static SimulatedOperator simulated(String name, ChannelsProperties properties, ChannelsConfig.EmbeddedSimulator embedded, JsonMapper json) {
        String controlUrl = hasText(properties.simulatorUrl()) ? properties.simulatorUrl()
                : embedded.simulator().map(s -> s.controlUrl()).orElse(null);
        if (controlUrl == null) {
            return null;
        }
        JsonNode party = new SimulatorDirectory(json, properties.connectTimeout()).party(controlUrl, name);
        // the simulator's HTTP operators share its control port: reached at the address the platform was given,
        // not the one the simulator binds (0.0.0.0 in a container)
        return new SimulatedOperator(controlUrl, URI.create(controlUrl.replaceAll("/+$", "")), party.path("public_key").asString());
    }

    static void register(SimulatedOperator operator, String name, String appId, String publicKey, ChannelsProperties properties, JsonMapper json) {
        new SimulatorDirectory(json, properties.connectTimeout()).register(operator.controlUrl(), name, appId, publicKey);
    }

    /** An app id of this platform instance at a simulator, so that two platforms sharing one simulator keep their own keys. */
    static String simulatorAppId() {
        return "huitong-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static OperatorSettings settings(URI url, ChannelsProperties properties) {
        ChannelsProperties.Breaker breaker = properties.breaker();
        return new OperatorSettings(url, properties.connectTimeout(), properties.replyTimeout(), breaker.window(), breaker.minimumCalls(),
                breaker.failureRate(), breaker.openFor(), properties.retry().policy());
    }

    /**
     * Payments' side of notifications, looked up when the first one arrives (payments depends on the channels,
     * so it cannot be handed over at construction). None yet: the notification is refused, and the operator
     * sends it again later.
     */
    static OrderNotifications notifications(ObjectProvider<OrderNotifications> provider) {
        return (channel, reference, status) -> {
            OrderNotifications target = provider.getIfAvailable();
            return target == null ? OrderNotifications.Outcome.REJECTED : target.notify(channel, reference, status);
        };
    }

    static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    static String require(String value, String property) {
        if (!hasText(value)) {
            throw new IllegalStateException(property + " is required when the operator's url is configured");
        }
        return value;
    }
}
