package io.huitong.aml;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The customer of an AML report as the institution knows them, for the analyst and the report to the regulator, never
 * more than masked:
 * <ul>
 *   <li>{@code consumer}: the verified name and resident ID number, masked ({@code *梅梅}, {@code 1101**********1234}),
 *       and the masked phone number; a consumer who is not verified has the phone alone;</li>
 *   <li>{@code card}: its brand, its number masked to the last four, and the keyed fingerprint it is known by;</li>
 *   <li>{@code bank_account} and {@code ecny_wallet}: the bank (for an account), the number masked, the holder's name as
 *       the payment gave it;</li>
 *   <li>{@code merchant}: its name.</li>
 * </ul>
 * Anything else is {@code other}, with nothing more than the report's {@code customer}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerIdentity(String kind, String name, String idNumber, String phone, String cardBrand, String cardNumber,
                               String cardFingerprint, String bankCode, String accountNumber) {

    public static CustomerIdentity other() {
        return new CustomerIdentity("other", null, null, null, null, null, null, null, null);
    }
}
