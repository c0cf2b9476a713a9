/**
 * Channels: connectors to the networks that move money, each behind the port its user owns. Today the
 * ISO 8583 card connector ({@code iso8583}), which implements payments' {@link io.huitong.payments.channel.CardChannel}
 * against acquirers speaking the interface of {@code io.huitong.protocols.iso8583}; and the ISO 20022 bank
 * connector ({@code iso20022}), which implements payments' {@link io.huitong.payments.channel.OrderChannel}
 * for {@code bank_transfer} against banks speaking {@code io.huitong.protocols.iso20022}; the e-CNY ({@code ecny}) and
 * wallet operator ({@code walletpay}) connectors, which implement the same port over HTTP
 * ({@code io.huitong.protocols.ecny}, {@code io.huitong.protocols.walletpay}) and receive the operators' signed
 * notifications.
 *
 * <p>Connectors are plain classes, free of Spring: whoever wires them chooses hosts, timeouts and the
 * registry their metrics go to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channels", allowedDependencies = {"kernel", "payments :: channel", "wallets"})
package io.huitong.channels;
