package io.huitong.payments.domain;

/** The channel that carries a payment, once one was asked, and the authorization code it gave (cards). */
public record ChannelRef(String name, String authorizationCode) {

    public static final ChannelRef NONE = new ChannelRef(null, null);

    public static ChannelRef of(String name) {
        return new ChannelRef(name, null);
    }
}
