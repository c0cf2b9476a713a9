package io.huitong.simulator;

/**
 * Where a simulated party listens.
 *
 * @param protocol {@code iso8583} (TCP at host and port), {@code iso20022}, {@code ecny} or {@code walletpay}
 *                 (HTTP at {@code url})
 * @param url      an HTTP party's base URL; null for TCP ones
 */
public record ChannelInfo(String name, String protocol, String host, int port, String url) {
}
