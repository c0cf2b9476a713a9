package io.huitong.consumers;

/**
 * What a consumer claims through one verification channel: their identity (name and resident ID number) and, for
 * {@link VerificationChannel#BANK_CARD}, the card number and the phone number the bank holds for it, for
 * {@link VerificationChannel#PHONE_OPERATOR} the consumer's own phone number (E.164). {@link #toString()} shows them
 * masked only.
 */
public record ChannelClaim(VerificationChannel channel, RealName identity, String cardNumber, String phone) {

    @Override
    public String toString() {
        return "ChannelClaim[" + channel.wireName() + ", " + identity + (cardNumber == null ? "" : ", card •••• " + last4(cardNumber))
                + (phone == null ? "" : ", " + Phones.mask(phone)) + "]";
    }

    static String last4(String number) {
        return number.substring(number.length() - 4);
    }
}
