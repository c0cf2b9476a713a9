package io.huitong.wallets.domain;

import com.emv.qrcode.model.mpm.AdditionalDataField;
import com.emv.qrcode.model.mpm.AdditionalDataFieldTemplate;
import com.emv.qrcode.model.mpm.MerchantPresentedMode;

/** Merchant-presented EMVCo payloads as a wallet operator builds them for a {@code qr} payment. */
public final class EmvPayloads {

    private EmvPayloads() {
    }

    /** A dynamic payload: the payment's id as reference label (62, sub-tag 05), the amount (54) in CNY (53 = 156). */
    public static String payment(String paymentId, String amount, String merchantName) {
        MerchantPresentedMode qr = new MerchantPresentedMode();
        qr.setPayloadFormatIndicator("01");
        qr.setPointOfInitiationMethod("12");
        qr.setMerchantCategoryCode("5812");
        qr.setTransactionCurrency("156");
        if (amount != null) {
            qr.setTransactionAmount(amount);
        }
        qr.setCountryCode("CN");
        qr.setMerchantName(merchantName);
        qr.setMerchantCity("Shanghai");
        if (paymentId != null) {
            AdditionalDataField data = new AdditionalDataField();
            data.setReferenceLabel(paymentId);
            AdditionalDataFieldTemplate template = new AdditionalDataFieldTemplate();
            template.setValue(data);
            qr.setAdditionalDataField(template);
        }
        return qr.toString();
    }
}
