/**
 * The channel port: how payments talk to acquirers and other channels. Connectors implement
 * {@link io.huitong.payments.channel.CardChannel}; the payments side owns the interface.
 */
@org.springframework.modulith.NamedInterface("channel")
package io.huitong.payments.channel;
