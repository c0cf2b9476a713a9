package io.huitong.wallets.domain;

import com.emv.qrcode.core.CRC;
import com.emv.qrcode.core.model.mpm.TagLengthString;
import com.emv.qrcode.decoder.mpm.DecoderMpm;
import com.emv.qrcode.model.mpm.AdditionalDataField;
import com.emv.qrcode.model.mpm.MerchantPresentedMode;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * What a consumer's wallet reads from a merchant-presented EMVCo QR payload: the payment it names (Huitong's
 * merchant account information, template 27 with globally unique identifier {@code io.huitong} and the
 * payment id in sub-tag 01; or else a full payment id as the reference label, sub-tag 05 of the additional
 * data field template 62) and, when the payload carries them,
 * the amount (tag 54) in the currency (tag 53, ISO 4217 numeric). A payload whose CRC (tag 63) does not
 * match, or that is no EMVCo payload, is refused with a 400 naming {@code qr_payload}.
 */
public record MerchantQr(String paymentId, Optional<Money> amount) {

    private static final String PARAM = "qr_payload";

    public static MerchantQr parse(String payload) {
        if (payload == null) {
            throw ApiException.missing(PARAM);
        }
        if (payload.length() < 12 || payload.length() > 512 || !payload.startsWith("000201")) {
            throw notEmv();
        }
        String body = payload.substring(0, payload.length() - 4);
        if (!body.endsWith("6304") || !String.format("%04X", CRC.crc16(body.getBytes(StandardCharsets.UTF_8)))
                .equalsIgnoreCase(payload.substring(payload.length() - 4))) {
            throw ApiException.invalid(PARAM, "qr_payload's checksum does not match: scan the QR code again.");
        }
        MerchantPresentedMode qr;
        try {
            qr = DecoderMpm.decode(payload, MerchantPresentedMode.class);
        } catch (Exception e) {
            throw notEmv();
        }
        String reference = huitongPayment(body).orElseGet(() -> Optional.ofNullable(qr.getAdditionalDataField()).map(t -> t.getValue())
                .map(AdditionalDataField::getReferenceLabel).map(TagLengthString::getValue).orElse(null));
        if (reference == null || !reference.matches("pay_[0-9A-Z]{26}")) {
            throw ApiException.invalid(PARAM, "qr_payload names no payment: it is not the QR code of a payment on this platform.");
        }
        return new MerchantQr(reference, amount(qr));
    }

    /** The merchant's name as the payload states it (tag 59), for the payer to see before paying; empty when it states none. */
    public static Optional<String> merchantName(String payload) {
        return payload == null || payload.length() < 4 ? Optional.empty() : field(payload.substring(0, payload.length() - 4), "59");
    }

    /** The payment id in template 27 when its identifier is Huitong's. */
    private static Optional<String> huitongPayment(String body) {
        return field(body, "27").filter(t -> field(t, "00").filter("io.huitong"::equals).isPresent()).flatMap(t -> field(t, "01"));
    }

    /** The value of a top-level field of a TLV string (2-digit id, 2-digit length); empty when absent or malformed. */
    private static Optional<String> field(String tlv, String id) {
        int i = 0;
        while (i + 4 <= tlv.length()) {
            String tag = tlv.substring(i, i + 2);
            int length;
            try {
                length = Integer.parseInt(tlv.substring(i + 2, i + 4));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (i + 4 + length > tlv.length()) {
                return Optional.empty();
            }
            if (tag.equals(id)) {
                return Optional.of(tlv.substring(i + 4, i + 4 + length));
            }
            i += 4 + length;
        }
        return Optional.empty();
    }

    private static Optional<Money> amount(MerchantPresentedMode qr) {
        String value = qr.getTransactionAmount() == null ? null : qr.getTransactionAmount().getValue();
        String numeric = qr.getTransactionCurrency() == null ? null : qr.getTransactionCurrency().getValue();
        if (value == null || numeric == null) {
            return Optional.empty();
        }
        Currency currency = Currency.getAvailableCurrencies().stream()
                .filter(c -> String.format(Locale.ROOT, "%03d", c.getNumericCode()).equals(numeric)).findFirst()
                .orElseThrow(() -> ApiException.invalid(PARAM, "qr_payload's currency is not one this platform knows."));
        try {
            BigDecimal major = new BigDecimal(value);
            long minor = major.movePointRight(Math.max(0, currency.getDefaultFractionDigits())).longValueExact();
            return Optional.of(new Money(minor, currency.getCurrencyCode()));
        } catch (ArithmeticException | NumberFormatException e) {
            throw ApiException.invalid(PARAM, "qr_payload's amount is not an amount.");
        } catch (ApiException e) {
            throw ApiException.invalid(PARAM, "qr_payload's currency is not one this platform takes.");
        }
    }

    private static ApiException notEmv() {
        return ApiException.invalid(PARAM, "qr_payload is not an EMVCo merchant-presented QR code.");
    }
}
