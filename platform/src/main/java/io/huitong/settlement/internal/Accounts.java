package io.huitong.settlement.internal;

/** The ledger accounts settlement and payouts move money between. */
final class Accounts {

    private Accounts() {
    }

    /** What the platform owes a merchant and has not settled yet (credited by payments, debited by fees and refunds). */
    static String pending(String merchantId, String currency) {
        return merchantId + ":pending:" + currency;
    }

    /** What the platform owes a merchant, settled: paid out from here. */
    static String available(String merchantId, String currency) {
        return merchantId + ":available:" + currency;
    }

    /** The platform's position in a currency from converting merchants' settlements. */
    static String fx(String currency) {
        return "platform:fx:" + currency;
    }

    /** The platform's money at its bank, which payouts leave from (an asset: a credit lowers it). */
    static String bankClearing(String currency) {
        return "platform:bank_clearing:" + currency;
    }
}
