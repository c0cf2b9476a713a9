package io.huitong.reconciliation.domain;

import java.time.LocalDate;

/**
 * The statement an import asks for, a channel's of a business date, checked against what the file says as soon as it
 * says it: the header's party, account and date when the file is opened, each line as it comes (a wallet bill's lines
 * carry the only dates it has), and the facts known at the end. A statement that is another's throws
 * {@link StatementMismatch}.
 *
 * @param account the number of our account at the channel that its statements must be of (a bank's: our settlement
 *                account), or null where the statement names none
 */
public record StatementExpectation(String channel, LocalDate businessDate, StatementFormat format, String account) {

    /** A statement that names no account of ours. */
    public StatementExpectation(String channel, LocalDate businessDate, StatementFormat format) {
        this(channel, businessDate, format, null);
    }

    /** On opening: the header's party, account and date, where the format has a header. */
    public void checkHeader(StatementFacts facts) {
        if (facts.party() != null && !facts.party().equals(channel)) {
            throw new StatementMismatch(facts.dateLine(), "the statement is " + facts.party() + "'s, not " + channel + "'s");
        }
        if (account != null && facts.account() != null && !facts.account().strip().equals(account)) {
            throw new StatementMismatch(facts.dateLine(), "the statement is of the account ending " + lastFour(facts.account())
                    + ", not of our settlement account at " + channel + " (ending " + lastFour(account) + ")");
        }
        if (format != StatementFormat.WALLET_BILL) {
            checkDate(facts);
        }
    }

    /** The longest reference (ours, the channel's, the original's) a line may carry, as reconciliation keeps them. */
    public static final int MAX_REFERENCE = 128;

    /**
     * Each line: a line can't be on a statement of a date before it happened (a delayed line comes later, never earlier),
     * and its references must be what references are: at most {@value #MAX_REFERENCE} characters, no control characters.
     */
    public void checkLine(StatementLine line) {
        reference(line, "reference", line.reference());
        reference(line, "the channel's reference", line.channelReference());
        reference(line, "the original reference", line.originalReference());
        reference(line, "the kind", line.kind());
        if (format == StatementFormat.WALLET_BILL && line.occurredAt() != null
                && line.occurredAt().atZone(WalletBillStream.CHINA).toLocalDate().isAfter(businessDate)) {
            throw new StatementMismatch(line.lineNo() + 1, "a line of " + line.occurredAt().atZone(WalletBillStream.CHINA).toLocalDate()
                    + " on what should be the bill of " + businessDate);
        }
    }

    /**
     * At the end: the date the file names, where it names one only at its end (the e-CNY bill's TOTAL). A wallet bill
     * names none; one whose latest line is older than the day before (the furthest a line is delayed) is an earlier
     * day's bill. One of the day before can't be told from a bill of delayed lines only, and is taken.
     */
    public void checkEnd(StatementFacts facts) {
        if (format == StatementFormat.WALLET_BILL) {
            if (facts.date() != null && facts.date().isBefore(businessDate.minusDays(1))) {
                throw new StatementMismatch(facts.dateLine(), "the bill's latest line is of " + facts.date() + ": it is not the bill of "
                        + businessDate);
            }
            return;
        }
        checkDate(facts);
    }

    private void reference(StatementLine line, String what, String value) {
        if (value != null && (value.length() > MAX_REFERENCE || value.isEmpty() || value.chars().anyMatch(Character::isISOControl))) {
            throw new StatementRefusal(format.where(line.lineNo()) + ": " + what + " must be 1 to " + MAX_REFERENCE
                    + " characters without control characters");
        }
    }

    /** An account number as refusals show it: its last four characters, never the whole of it. */
    private static String lastFour(String number) {
        String n = number.strip();
        return n.length() <= 4 ? n : n.substring(n.length() - 4);
    }

    private void checkDate(StatementFacts facts) {
        if (facts.date() != null && !facts.date().equals(businessDate)) {
            throw new StatementMismatch(facts.dateLine(), "the statement is of " + facts.date() + ", not of " + businessDate);
        }
    }
}
