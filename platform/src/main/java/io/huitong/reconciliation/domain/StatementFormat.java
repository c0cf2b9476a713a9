package io.huitong.reconciliation.domain;

import java.io.InputStream;
import java.util.Locale;

/**
 * The statement formats channels deliver (documented in {@code io.huitong.protocols.statements}), each read by its
 * protocol reader and turned into {@link StatementLine}s.
 */
public enum StatementFormat {
    /** A card acquirer's settlement file (CSV: H, D and T lines). */
    ACQUIRER_SETTLEMENT,
    /** A bank's camt.053 of our settlement account. */
    CAMT_053,
    /** A wallet operator's bill, every field prefixed with a backtick. */
    WALLET_BILL,
    /** The e-CNY operator's bill (CSV with a TOTAL line). */
    ECNY_BILL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StatementFormat ofWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Where a statement line (counted from 1 among the lines) is in the file, as a refusal names it. */
    public String where(long lineNo) {
        return this == CAMT_053 ? "entry " + lineNo : "line " + (lineNo + 1);
    }

    /** Opens {@code in} in this format and reads its header; the stream closes {@code in}. */
    public StatementStream open(InputStream in) {
        return switch (this) {
            case ACQUIRER_SETTLEMENT -> new AcquirerStatementStream(in);
            case CAMT_053 -> new BankStatementStream(in);
            case WALLET_BILL -> new WalletBillStream(in);
            case ECNY_BILL -> new EcnyBillStream(in);
        };
    }
}
