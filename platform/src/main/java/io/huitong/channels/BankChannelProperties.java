package io.huitong.channels;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bank reached over ISO 20022 ({@code huitong.channels.bank.*}). With {@code url} set, that bank is used
 * and {@code signing-key} and {@code settlement-account} are required; otherwise the bank of the simulator
 * named by {@code huitong.channels.simulator-url}, or of the in-process simulator, is used, with the
 * simulator's settlement account.
 *
 * @param name              the channel's name, as payments show it and as its notify URL ends ({@code /notify/bank})
 * @param url               the bank's base URL ({@code HUITONG_CHANNELS_BANK_URL})
 * @param signingKey        the key shared with the bank that signs its status pushes
 *                          ({@code HUITONG_CHANNELS_BANK_SIGNING_KEY}); never logged
 * @param settlementAccount our account at the bank
 */
@ConfigurationProperties("huitong.channels.bank")
record BankChannelProperties(String name, String url, String signingKey, Account settlementAccount) {

    BankChannelProperties {
        name = name == null || name.isBlank() ? "bank" : name;
    }

    /** An account at the bank: its clearing code, number and holder's name. */
    record Account(String bankCode, String number, String name) {

        @Override
        public String toString() {
            return "Account[" + bankCode + " ..." + (number == null || number.length() < 4 ? "" : number.substring(number.length() - 4)) + "]";
        }
    }

    @Override
    public String toString() {
        return "BankChannelProperties[" + name + ", " + url + ", " + settlementAccount + "]";
    }
}
