package io.huitong.simulator;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.TxStatus;

/**
 * The simulated bank's test accounts, recognized by an account number's last four digits (any bank code,
 * any length). The numbers below also pass the Luhn check that bank-card account numbers (62...) carry:
 * <table>
 *   <caption>Test accounts</caption>
 *   <tr><th>ends with</th><th>as a payer (pacs.008)</th><th>as a payout's creditor (pain.001)</th></tr>
 *   <tr><td>0002</td><td>RJCT AM04, insufficient funds</td><td>settled</td></tr>
 *   <tr><td>0010</td><td>RJCT AC01, incorrect account number</td><td>RJCT AC01</td></tr>
 *   <tr><td>0028</td><td>RJCT AC04, closed account</td><td>RJCT AC04</td></tr>
 *   <tr><td>0036</td><td>ACSP, then settles after the settle delay and pushes ACSC</td><td>ACSP, then settles</td></tr>
 *   <tr><td>0044</td><td>ACSP, then fails after the settle delay and pushes RJCT AM04</td><td>ACSP, then RJCT AM04</td></tr>
 *   <tr><td>0051</td><td>ACSC at once</td><td>ACSC at once, then returned after the settle delay (AC04, the account closed; see
 *   {@link BankReturns})</td></tr>
 *   <tr><td>any other</td><td>ACSC at once</td><td>ACSC at once</td></tr>
 * </table>
 */
public final class BankAccounts {

    /** The bank's own clearing code. */
    public static final String BANK_CODE = "999900000001";
    /** The platform's settlement account at the simulated bank: pay-ins are credited to it, payouts and returns debited. */
    public static final BankAccount SETTLEMENT = new BankAccount(BANK_CODE, "955880000000000018", "Huitong Settlement");

    public static final String SETTLES = "6222004000000004242";
    public static final String INSUFFICIENT_FUNDS = "6222002000000000002";
    public static final String INVALID_ACCOUNT = "6222002000000000010";
    public static final String CLOSED_ACCOUNT = "6222002000000000028";
    public static final String SETTLES_LATER = "6222002000000000036";
    public static final String FAILS_LATER = "6222002000000000044";
    public static final String RETURNED_LATER = "6222002000000000051";

    private BankAccounts() {
    }

    /**
     * What the bank does with a transfer from (or, for payouts, to) this account; {@code returnReason}, when set, sends a
     * payout back after the settle delay for that reason.
     */
    record Outcome(String status, String reason, boolean later, String returnReason) {

        Outcome(String status, String reason, boolean later) {
            this(status, reason, later, null);
        }
    }

    static Outcome payIn(String number) {
        return switch (last4(number)) {
            case "0002" -> new Outcome(TxStatus.RJCT, TxStatus.AM04, false);
            case "0010" -> new Outcome(TxStatus.RJCT, TxStatus.AC01, false);
            case "0028" -> new Outcome(TxStatus.RJCT, TxStatus.AC04, false);
            case "0036" -> new Outcome(TxStatus.ACSP, null, true);
            case "0044" -> new Outcome(TxStatus.ACSP, TxStatus.AM04, true);
            default -> new Outcome(TxStatus.ACSC, null, false);
        };
    }

    static Outcome payout(String number) {
        return switch (last4(number)) {
            case "0002" -> new Outcome(TxStatus.ACSC, null, false);
            case "0051" -> new Outcome(TxStatus.ACSC, null, false, TxStatus.AC04);
            default -> payIn(number);
        };
    }

    private static String last4(String number) {
        return number.length() <= 4 ? number : number.substring(number.length() - 4);
    }
}
