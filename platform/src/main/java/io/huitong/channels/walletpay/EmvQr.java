package io.huitong.channels.walletpay;

import com.emv.qrcode.model.mpm.AdditionalDataField;
import com.emv.qrcode.model.mpm.AdditionalDataFieldTemplate;
import com.emv.qrcode.model.mpm.MerchantAccountInformationReservedAdditional;
import com.emv.qrcode.model.mpm.MerchantAccountInformationTemplate;
import com.emv.qrcode.model.mpm.MerchantPresentedMode;
import io.huitong.kernel.Money;
import io.huitong.protocols.iso8583.CurrencyCodes;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * The EMVCo merchant-presented QR payload shown to the payer for a wallet operator's order: payload format
 * 01, point of initiation 12 (dynamic, one payment), the operator's merchant account information template
 * (tag 26: 00 the operator's globally unique identifier, 01 the operator's {@code qr_code}), Huitong's own
 * (tag 27: 00 {@code io.huitong}, 01 our payment id), MCC, currency (ISO 4217 numeric), amount, country CN,
 * merchant name and city, additional data (tag 62) with the reference label, and the CRC. EMVCo limits a
 * template to 99 characters (so the operator's {@code qr_code} to 71) and a reference label to 25: a longer
 * payment id goes there by its last 25 characters, and in full in 27/01.
 */
final class EmvQr {

    /** Tag 26's globally unique identifier: the wallet operator, in reverse-domain form. */
    static final String OPERATOR_GUI = "io.huitong.walletpay";
    static final String ACCOUNT_TEMPLATE = "26";
    static final String QR_CODE_TAG = "01";
    /** Tag 27's globally unique identifier: Huitong, whose payment the QR code pays. */
    static final String HUITONG_GUI = "io.huitong";
    static final String HUITONG_TEMPLATE = "27";
    static final String REFERENCE_TAG = "01";
    static final String DEFAULT_MCC = "5999";
    static final String DEFAULT_CITY = "Shanghai";

    private EmvQr() {
    }

    static String payload(String operatorQrCode, String reference, Money amount, String merchantName, String merchantCity, String mcc) {
        MerchantAccountInformationReservedAdditional account = new MerchantAccountInformationReservedAdditional();
        account.setGloballyUniqueIdentifier(OPERATOR_GUI);
        account.addPaymentNetworkSpecific(QR_CODE_TAG, operatorQrCode);
        MerchantAccountInformationReservedAdditional huitong = new MerchantAccountInformationReservedAdditional();
        huitong.setGloballyUniqueIdentifier(HUITONG_GUI);
        huitong.addPaymentNetworkSpecific(REFERENCE_TAG, reference);

        AdditionalDataField data = new AdditionalDataField();
        data.setReferenceLabel(reference.length() <= 25 ? reference : reference.substring(reference.length() - 25));
        AdditionalDataFieldTemplate additional = new AdditionalDataFieldTemplate();
        additional.setValue(data);

        MerchantPresentedMode qr = new MerchantPresentedMode();
        qr.setPayloadFormatIndicator("01");
        qr.setPointOfInitiationMethod("12");
        qr.addMerchantAccountInformation(new MerchantAccountInformationTemplate(ACCOUNT_TEMPLATE, account));
        qr.addMerchantAccountInformation(new MerchantAccountInformationTemplate(HUITONG_TEMPLATE, huitong));
        qr.setMerchantCategoryCode(mcc);
        qr.setTransactionCurrency(CurrencyCodes.numeric(amount.currency()));
        qr.setTransactionAmount(BigDecimal.valueOf(amount.amount(), Currency.getInstance(amount.currency()).getDefaultFractionDigits()).toPlainString());
        qr.setCountryCode("CN");
        qr.setMerchantName(text(merchantName, 25, "Merchant"));
        qr.setMerchantCity(text(merchantCity, 15, DEFAULT_CITY));
        qr.setAdditionalDataField(additional);
        return qr.toString();
    }

    /** EMVCo's name and city are printable ASCII, bounded: other characters are left out. */
    private static String text(String value, int max, String fallback) {
        String ascii = value == null ? "" : value.replaceAll("[^\\x20-\\x7E]", "").trim();
        if (ascii.isEmpty()) {
            ascii = fallback;
        }
        return ascii.length() <= max ? ascii : ascii.substring(0, max);
    }
}
