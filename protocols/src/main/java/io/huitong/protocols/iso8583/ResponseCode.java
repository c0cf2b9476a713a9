package io.huitong.protocols.iso8583;

/**
 * Response codes (field 39) and what each means to the platform. Both sides use this class: the
 * simulator to answer, the connector to tell an approval from a decline, a step-up request, or an
 * acquirer that could not act (safe to try another channel).
 */
public final class ResponseCode {

    public static final String APPROVED = "00";
    /** Do not honour: a plain decline. */
    public static final String DO_NOT_HONOUR = "05";
    /** Invalid transaction: e.g. completion of an authorization that was already reversed. */
    public static final String INVALID_TRANSACTION = "12";
    /** Invalid amount: e.g. a completion above the authorized amount, refunds above the captured amount. */
    public static final String INVALID_AMOUNT = "13";
    public static final String INVALID_CARD_NUMBER = "14";
    /** Unable to locate the record: the answer to a status inquiry about a transaction never received. */
    public static final String RECORD_NOT_FOUND = "25";
    /** Format error: the request could not be read; nothing was done. */
    public static final String FORMAT_ERROR = "30";
    public static final String INSUFFICIENT_FUNDS = "51";
    public static final String EXPIRED_CARD = "54";
    /** Additional customer authentication required (step-up), soft decline. */
    public static final String AUTHENTICATION_REQUIRED = "1A";
    /** Exceeds withdrawal count limit; used by European issuers as the step-up soft decline. */
    public static final String SOFT_DECLINE = "65";
    public static final String INCORRECT_CVC = "N7";
    /** Issuer or switch inoperative. */
    public static final String ISSUER_UNAVAILABLE = "91";
    /** System malfunction. */
    public static final String SYSTEM_ERROR = "96";

    /** How the platform treats a response code. */
    public enum Meaning {
        APPROVED,
        DECLINED,
        /** The payer must authenticate first. */
        AUTHENTICATION_REQUIRED,
        /** The acquirer did not act on the request: another channel may be tried. */
        NOT_PROCESSED,
        /** A status inquiry found no record. */
        NOT_FOUND
    }

    private ResponseCode() {
    }

    public static Meaning meaning(String code) {
        if (code == null) {
            return Meaning.NOT_PROCESSED;
        }
        return switch (code) {
            case APPROVED, "10", "11" -> Meaning.APPROVED;
            case AUTHENTICATION_REQUIRED, SOFT_DECLINE -> Meaning.AUTHENTICATION_REQUIRED;
            case ISSUER_UNAVAILABLE, SYSTEM_ERROR, FORMAT_ERROR -> Meaning.NOT_PROCESSED;
            case RECORD_NOT_FOUND -> Meaning.NOT_FOUND;
            default -> Meaning.DECLINED;
        };
    }

    /** docs/api.md's decline code for a declining response code; {@code card_declined} for any code without its own. */
    public static String declineCode(String code) {
        return switch (code == null ? "" : code) {
            case INSUFFICIENT_FUNDS -> "insufficient_funds";
            case EXPIRED_CARD -> "expired_card";
            case INCORRECT_CVC, "82" -> "incorrect_cvc";
            case INVALID_CARD_NUMBER -> "invalid_number";
            default -> "card_declined";
        };
    }

    /** A message for a declining response code, fit to show the payer. */
    public static String declineMessage(String code) {
        return switch (declineCode(code)) {
            case "insufficient_funds" -> "The card has insufficient funds.";
            case "expired_card" -> "The card has expired.";
            case "incorrect_cvc" -> "The card's security code is incorrect.";
            case "invalid_number" -> "The card number is invalid.";
            default -> "The card was declined.";
        };
    }
}
