package io.huitong.protocols.statements;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Iso20022FormatException;
import io.huitong.protocols.iso20022.Statement;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a camt.053.001.08 statement ({@link Statement}) with StAX, one entry ({@code Ntry}) at a time in constant
 * memory: everything before the first entry (the account, the balances, the summary) on opening, then the entries,
 * and at the end of the statement checks that the entries agree with {@code TxsSummry} (count, sum, net) and that
 * the closing balance is the opening balance plus the entries. A document type declaration is refused, and
 * nothing outside the document is ever loaded.
 * <pre>{@code
 * try (BankStatementReader r = BankStatementReader.open(in)) {
 *     BankStatementReader.Header h = r.header();   // account, date, opening and closing balances
 *     for (Statement.Entry e; (e = r.next()) != null; ) {
 *         ... e.reference() (EndToEndId), e.signedAmount(), e.kind(), e.reversal() ...
 *     }
 * }
 * }</pre>
 * Every refusal is a {@link StatementFormatException} naming the line of the XML.
 */
public final class BankStatementReader implements StatementReader<Statement.Entry> {

    static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:" + Iso20022Codec.CAMT_053;
    private static final ZoneOffset BUSINESS_OFFSET = ZoneOffset.ofHours(8);

    /**
     * What the statement says before its entries.
     *
     * @param date        the business day the statement covers (Asia/Shanghai)
     * @param entryCount  {@code TxsSummry/TtlNtries/NbOfNtries}, or -1 when the statement has no summary
     */
    public record Header(String messageId, String statementId, BankAccount account, String currency, LocalDate date, long openingBalance,
                         long closingBalance, long entryCount) {
    }

    private final XMLStreamReader xml;
    private final InputStream in;
    private final StatementXml.Path path = new StatementXml.Path();
    private final Header header;
    private final BigDecimal summarySum;
    private final Long summaryNet;
    private long count;
    private long sum;
    private long net;
    private boolean done;

    private BankStatementReader(XMLStreamReader xml, InputStream in) {
        this.xml = xml;
        this.in = in;
        StatementHead head = new StatementHead();
        try {
            head.read(xml, path);
        } catch (XMLStreamException e) {
            throw StatementXml.malformed(e);
        }
        this.header = head.header();
        this.summarySum = head.summarySum;
        this.summaryNet = head.summaryNet;
        if (!head.atEntry) {
            finish();
        }
    }

    /** Opens a UTF-8 (or as declared) camt.053 and reads up to its first entry; {@link #close()} closes {@code in}. */
    public static BankStatementReader open(InputStream in) {
        XMLStreamReader xml = StatementXml.open(in);
        try {
            return new BankStatementReader(xml, in);
        } catch (RuntimeException e) {
            StatementXml.close(xml, in);
            throw e;
        }
    }

    public Header header() {
        return header;
    }

    @Override
    public Statement.Entry next() {
        if (done) {
            return null;
        }
        Statement.Entry entry;
        long line = xml.getLocation().getLineNumber();
        try {
            entry = StatementXml.entry(xml, path, header.currency());
        } catch (XMLStreamException e) {
            throw StatementXml.malformed(e);
        }
        count++;
        try {
            sum = Math.addExact(sum, entry.amount());
            net = Math.addExact(net, entry.signedAmount());
        } catch (ArithmeticException e) {
            throw new StatementFormatException(line, "the totals overflow");
        }
        if (!entry.currency().equals(header.currency())) {
            throw new StatementFormatException(line, "an entry in " + entry.currency() + " on a statement in " + header.currency());
        }
        try {
            if (!StatementXml.nextEntry(xml, path)) {
                finish();
            }
        } catch (XMLStreamException e) {
            throw StatementXml.malformed(e);
        }
        return entry;
    }

    /** At the end of the statement: the summary and the balances against the entries, and nothing but the end after. */
    private void finish() {
        long line = xml.getLocation().getLineNumber();
        done = true;
        try {
            StatementXml.toEnd(xml, path);
        } catch (XMLStreamException e) {
            throw StatementXml.malformed(e);
        }
        if (header.entryCount() >= 0) {
            Fields.agrees(line, "TxsSummry/TtlNtries/NbOfNtries", header.entryCount(), count);
            Fields.agrees(line, "TxsSummry/TtlNtries/Sum (in minor units)", minor(summarySum, line), sum);
            if (summaryNet != null) {
                Fields.agrees(line, "TxsSummry/TtlNtries/TtlNetNtry (in minor units)", summaryNet, net);
            }
        }
        Fields.agrees(line, "the closing balance less the opening balance", header.closingBalance() - header.openingBalance(), net);
    }

    private long minor(BigDecimal value, long line) {
        if (value == null) {
            return sum;
        }
        try {
            return Iso20022Codec.minor(value, header.currency());
        } catch (Iso20022FormatException e) {
            throw new StatementFormatException(line, e.getMessage());
        }
    }

    static LocalDate businessDate(String text, long line) {
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(BUSINESS_OFFSET).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new StatementFormatException(line, "bad date-time \"" + Fields.shown(text) + "\"");
        }
    }

    @Override
    public void close() {
        StatementXml.close(xml, in); // closing a StAX reader leaves its stream open
    }

    static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    static boolean isStart(int event) {
        return event == XMLStreamConstants.START_ELEMENT;
    }
}
