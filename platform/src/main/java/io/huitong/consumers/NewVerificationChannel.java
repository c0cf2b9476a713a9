package io.huitong.consumers;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.CheckDigits;

/**
 * {@code POST /v1/users/me/verification/channels}: one more channel through which the consumer verifies who they are.
 * {@code channel} is an external channel's name; {@code name} and {@code id_number} are the identity as on the ID card
 * (the rules of {@link RealName}); {@code bank_card} ({@code number}, 13 to 19 digits with a valid Luhn check digit, and
 * {@code phone}, the mainland mobile number the bank holds for the card) goes with {@code bank_card} and only with it.
 * {@link #toString()} shows nothing in clear.
 */
public record NewVerificationChannel(String channel, String name, String idNumber, BankCard bankCard) {

    public NewVerificationChannel {
        VerificationChannel kind = VerificationChannel.external(channel, "channel");
        channel = kind.wireName();
        RealName identity = new RealName(name, idNumber);
        name = identity.name();
        idNumber = identity.idNumber();
        if (kind == VerificationChannel.BANK_CARD && bankCard == null) {
            throw ApiException.missing("bank_card");
        }
        if (kind != VerificationChannel.BANK_CARD && bankCard != null) {
            throw ApiException.invalid("bank_card", "bank_card goes with channel bank_card only");
        }
    }

    /** The channel asked for. */
    public VerificationChannel kind() {
        return VerificationChannel.of(channel);
    }

    /** The identity claimed. */
    public RealName identity() {
        return new RealName(name, idNumber);
    }

    /** A bank card and the phone number its bank holds. */
    public record BankCard(String number, String phone) {

        public BankCard {
            if (number == null) {
                throw ApiException.missing("bank_card.number");
            }
            number = number.replaceAll("[ \\-]", "");
            if (!number.matches("[0-9]{13,19}") || !CheckDigits.luhnValid(number)) {
                throw ApiException.invalid("bank_card.number", "bank_card.number must be 13 to 19 digits with a valid check digit");
            }
            if (phone == null) {
                throw ApiException.missing("bank_card.phone");
            }
            phone = Phones.normalize(phone, "bank_card.phone");
        }

        @Override
        public String toString() {
            return "BankCard[•••• " + ChannelClaim.last4(number) + ", " + Phones.mask(phone) + "]";
        }
    }

    @Override
    public String toString() {
        return "NewVerificationChannel[" + channel + "]";
    }
}
