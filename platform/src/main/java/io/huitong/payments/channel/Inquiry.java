package io.huitong.payments.channel;

/** What a channel knows about an earlier request. */
public sealed interface Inquiry {

    /** The request was carried out. */
    record Approved(String authorizationCode) implements Inquiry {
    }

    /** The request was refused, or was later reversed: no money moved. */
    record Declined(String code, String message) implements Inquiry {
    }

    /** The channel never received it. */
    record NotFound() implements Inquiry {
    }

    /** The channel could not be asked right now. */
    record Unknown(String reason) implements Inquiry {
    }
}
