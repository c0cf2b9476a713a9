package io.huitong.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated counterparty: an ISO 8583 acquirer, the ISO 20022 bank, a wallet operator. The control
 * API lists it, changes how it behaves, and shows its book.
 */
interface Party extends AutoCloseable {

    String name();

    /** {@code iso8583}, {@code iso20022}, {@code ecny}, {@code walletpay}. */
    String protocol();

    String host();

    int port();

    ChannelSettings settings();

    void settings(ChannelSettings next);

    /** Fields of {@code PUT /control/channels/{name}} this party takes beyond mode, latency and error rate. */
    default java.util.Set<String> adjustable() {
        return java.util.Set.of();
    }

    /**
     * Checks those of the fields ({@link #adjustable()}) a PUT carries and answers what applies them, changing nothing
     * yet; throws {@link IllegalArgumentException} for a bad value.
     */
    default Runnable adjust(Map<?, ?> fields) {
        return () -> { };
    }

    /** The party's book, newest last, each entry as {@code GET /control/transactions} shows it. */
    List<Map<String, Object>> book();

    /** The party's daily statement, served by {@code GET /control/statements/{name}}; null for a party that publishes none. */
    default ChannelStatement<?> statement() {
        return null;
    }

    /** Anything else {@code GET /control/channels} should show (an HTTP party's base URL, a public key). */
    default Map<String, Object> details() {
        return Map.of();
    }

    default ChannelInfo info() {
        Object url = details().get("url");
        return new ChannelInfo(name(), protocol(), host(), port(), url == null ? null : url.toString());
    }

    default Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name());
        m.put("protocol", protocol());
        m.put("host", host());
        m.put("port", port());
        m.putAll(details());
        m.put("mode", settings().mode().wire());
        m.put("latency_ms", settings().latencyMs());
        m.put("error_rate", settings().errorRate());
        return m;
    }

    @Override
    void close();
}
