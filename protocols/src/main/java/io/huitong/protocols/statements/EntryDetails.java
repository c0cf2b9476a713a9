package io.huitong.protocols.statements;

import io.huitong.protocols.iso20022.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code Ntry}'s {@code NtryDtls} say, as {@link StatementXml#entry} reads them: a batch's {@code Btch} and the
 * transactions listed ({@code TxDtls}). The listed amounts are read only when the entry is a batch: an entry of one
 * transaction, the usual case, costs no more than before.
 */
final class EntryDetails {

    static final String DETAILS = StatementXml.NTRY + "/NtryDtls";
    static final String BTCH = DETAILS + "/Btch";
    static final String TX = DETAILS + "/TxDtls";

    /** A transaction as listed, its amount still text. */
    private record Listed(String reference, String amount, String currency, long line) {
    }

    private boolean batch;
    private String messageId;
    private String paymentInformationId;
    private int count = -1;
    private String endToEnd;
    private String txReference;
    private String txAmount;
    private String txCurrency;
    private long txLine;
    private final List<Listed> listed = new ArrayList<>(1);

    /** At a start tag inside the entry: the currency of a listed transaction's amount. */
    void start(String path, String currency) {
        if (path.equals(TX + "/Amt")) {
            txCurrency = currency;
        }
    }

    /** At an end tag inside the entry: what it says, when it is one of the details. */
    void end(String path, String value, long line) {
        switch (path) {
            case BTCH -> batch = true;
            case BTCH + "/MsgId" -> messageId = value;
            case BTCH + "/PmtInfId" -> paymentInformationId = value;
            case BTCH + "/NbOfTxs" -> count = (int) Math.min(Integer.MAX_VALUE, Fields.minor(value, line, "Btch/NbOfTxs"));
            case TX + "/Refs/EndToEndId" -> {
                txReference = value;
                endToEnd = endToEnd == null ? value : endToEnd;
            }
            case TX + "/Amt" -> {
                txAmount = value;
                txLine = line;
            }
            case TX -> {
                listed.add(new Listed(txReference, txAmount, txCurrency, txLine));
                txReference = null;
                txAmount = null;
                txCurrency = null;
            }
            default -> {
            }
        }
    }

    /** The first transaction's {@code EndToEndId}, or null. */
    String endToEnd() {
        return endToEnd;
    }

    /**
     * The entry's batch: its {@code Btch}, or more than one transaction listed without it (a batch the bank names by its
     * {@code NtryRef} only); null for an entry of one transaction.
     */
    Statement.Batch batch(String entryCurrency) {
        if (!batch && listed.size() < 2) {
            return null;
        }
        List<Statement.Transaction> details = new ArrayList<>(listed.size());
        for (Listed l : listed) {
            if (l.reference() != null && !l.reference().isEmpty() && l.amount() != null) {
                String currency = l.currency() == null ? entryCurrency : l.currency();
                Fields.currency(currency, l.line(), "TxDtls/Amt/@Ccy");
                details.add(new Statement.Transaction(l.reference(),
                        StatementXml.minor(StatementXml.number(l.amount(), l.line(), "TxDtls/Amt"), currency, l.line())));
            }
        }
        return new Statement.Batch(blank(messageId), blank(paymentInformationId), count, details);
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
