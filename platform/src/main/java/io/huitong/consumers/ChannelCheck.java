package io.huitong.consumers;

/**
 * The outside service of one verification channel, as a deployment provides it: the bank card four-element service of a
 * bank or a licensed provider of it, the mobile operators' real-name check, the social insurance, housing fund or tax
 * authority's query. None is built in: no such service is reachable from this code. Without a bean of this type for a
 * channel, a claim through it is checked for its form only (the ID number's check character and date of birth, the card
 * number's Luhn digit, the phone number's form), and the channel is recorded as {@code checked_by: "form"}; with
 * {@code huitong.consumers.verification.providers-required}, such a claim is refused instead. The public-security channel
 * also takes an {@link IdentityCheck}.
 */
public interface ChannelCheck {

    /** The channel this service checks. */
    VerificationChannel channel();

    /**
     * Whether the channel's record holds these elements as belonging together. Throws when the service cannot answer: the
     * claim is then refused with a 503 and nothing is recorded.
     */
    boolean matches(ChannelClaim claim);
}
