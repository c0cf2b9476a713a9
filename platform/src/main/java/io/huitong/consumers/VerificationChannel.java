package io.huitong.consumers;

import io.huitong.kernel.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An independent channel through which a consumer's identity is verified (《非银行支付机构网络支付业务管理办法》 art. 11: a
 * payment institution verifies a customer's identity through external channels such as public security, banks, telecom
 * operators and social insurance, or face to face). Each external channel checks the consumer's name and resident ID
 * number, and some a further element, against a record of its own; {@link #FACE_TO_FACE} is an operator who saw the
 * consumer and their ID card.
 */
public enum VerificationChannel {

    /** The public-security identity service (公安部身份核验): name and resident ID number. */
    PUBLIC_SECURITY("public_security", true),
    /** A bank card's four elements at its bank (银行卡四要素): name, ID number, card number and the phone the bank holds. */
    BANK_CARD("bank_card", true),
    /** The mobile operator's real-name record (运营商实名) of the consumer's own phone number: name, ID number, phone. */
    PHONE_OPERATOR("phone_operator", true),
    /** The social insurance record (社会保障): name and ID number. */
    SOCIAL_SECURITY("social_security", true),
    /** The housing provident fund record (住房公积金): name and ID number. */
    HOUSING_FUND("housing_fund", true),
    /** The individual income tax record (个人所得税): name and ID number. */
    TAX("tax", true),
    /** An operator verified the consumer face to face (面对面), with the ID card in hand. */
    FACE_TO_FACE("face_to_face", false);

    private final String wireName;
    private final boolean external;

    VerificationChannel(String wireName, boolean external) {
        this.wireName = wireName;
        this.external = external;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a consumer verifies through it themselves, against an outside record (every channel but face to face). */
    public boolean external() {
        return external;
    }

    /** The external channel of this wire name, or a 400 on {@code param}. */
    public static VerificationChannel external(String wireName, String param) {
        if (wireName == null) {
            throw ApiException.missing(param);
        }
        String name = wireName.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.external && c.wireName.equals(name)).findFirst()
                .orElseThrow(() -> ApiException.invalid(param, param + " must be one of " + Arrays.stream(values())
                        .filter(VerificationChannel::external).map(VerificationChannel::wireName).collect(Collectors.joining(", "))));
    }

    /** The channel of a stored wire name. */
    public static VerificationChannel of(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown verification channel " + wireName));
    }
}
