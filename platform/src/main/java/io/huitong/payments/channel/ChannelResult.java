package io.huitong.payments.channel;

/** A channel's answer to a request. */
public sealed interface ChannelResult {

    /** Done. */
    record Approved(String authorizationCode) implements ChannelResult {
    }

    /** Refused by the issuer or the acquirer; {@code code} is docs/api.md's decline code such as {@code card_declined}. */
    record Declined(String code, String message) implements ChannelResult {
    }

    /** The payer must authenticate (step-up, 3-D Secure) before the channel will authorize. */
    record ActionRequired() implements ChannelResult {
    }

    /** The channel certainly did not act on the request (refused the connection, said so): another channel may be tried. */
    record Unavailable(String reason) implements ChannelResult {
    }

    /** No answer in time: the request may or may not have been carried out. Only an inquiry can tell. */
    record Unknown(String reason) implements ChannelResult {
    }
}
