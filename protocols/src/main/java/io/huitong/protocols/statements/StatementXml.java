package io.huitong.protocols.statements;

import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Iso20022FormatException;
import io.huitong.protocols.iso20022.Statement;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The StAX walking behind {@link BankStatementReader}: element paths, one entry, the end of the document. */
final class StatementXml {

    static final String STMT = "Document/BkToCstmrStmt/Stmt";
    static final String NTRY = STMT + "/Ntry";

    private StatementXml() {
    }

    /** The path of the element being read, from {@code Document} down. */
    static final class Path {
        private final Deque<String> stack = new ArrayDeque<>();
        private String current = "";

        void push(String name) {
            stack.push(current);
            current = current.isEmpty() ? name : current + "/" + name;
        }

        void pop() {
            current = stack.pop();
        }

        String current() {
            return current;
        }
    }

    static XMLStreamReader open(InputStream in) {
        try {
            return BankStatementReader.factory().createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    static void close(XMLStreamReader xml, InputStream in) {
        try {
            xml.close();
            if (in != null) {
                in.close();
            }
        } catch (XMLStreamException | IOException e) {
            // nothing more to read either way
        }
    }

    static StatementFormatException malformed(XMLStreamException e) {
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
        String message = e.getMessage() == null ? "" : e.getMessage();
        int at = message.indexOf("Message: ");
        message = at >= 0 ? message.substring(at + "Message: ".length()) : message;
        return new StatementFormatException(Math.max(line, 0), "malformed or truncated XML: " + message, e);
    }

    static long line(XMLStreamReader xml) {
        return xml.getLocation().getLineNumber();
    }

    /**
     * One {@code Ntry}, the reader standing on its start tag; leaves the reader on its end tag. An entry of one transaction
     * is named by its {@code TxDtls/Refs/EndToEndId} (else its {@code NtryRef}); a batch booked as one entry
     * ({@code NtryDtls/Btch}, or several {@code TxDtls}) by the batch's {@code PmtInfId} or {@code MsgId} (else its
     * {@code NtryRef}), never by one of its transactions.
     */
    static Statement.Entry entry(XMLStreamReader xml, Path path, String statementCurrency) throws XMLStreamException {
        long start = line(xml);
        String ref = null;
        EntryDetails details = new EntryDetails();
        String amount = null;
        long amountLine = start;
        String currency = null;
        String direction = null;
        boolean reversal = false;
        LocalDate booked = null;
        String kind = null;
        StringBuilder text = new StringBuilder();
        while (true) {
            if (!xml.hasNext()) {
                throw new StatementFormatException(line(xml), "the document ends inside an entry (truncated)");
            }
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                path.push(xml.getLocalName());
                text.setLength(0);
                if (path.current().equals(NTRY + "/Amt")) {
                    currency = xml.getAttributeValue(null, "Ccy");
                } else if (path.current().startsWith(EntryDetails.DETAILS)) {
                    details.start(path.current(), xml.getAttributeValue(null, "Ccy"));
                }
            } else if (event == XMLStreamConstants.CHARACTERS) {
                text.append(xml.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String p = path.current();
                String value = text.toString().strip();
                long line = line(xml);
                path.pop();
                text.setLength(0);
                switch (p) {
                    case NTRY + "/NtryRef" -> ref = value;
                    case NTRY + "/Amt" -> {
                        amount = value;
                        amountLine = line;
                    }
                    case NTRY + "/CdtDbtInd" -> direction = value;
                    case NTRY + "/RvslInd" -> reversal = Boolean.parseBoolean(value) || value.equals("1");
                    case NTRY + "/BookgDt/Dt" -> booked = Fields.date(value, line, "Ntry/BookgDt/Dt");
                    case NTRY + "/AddtlNtryInf" -> kind = value;
                    case NTRY -> {
                        if (amount == null || currency == null) {
                            throw new StatementFormatException(start, "an entry without Amt and its Ccy");
                        }
                        Fields.currency(currency, amountLine, "Ntry/Amt/@Ccy");
                        long minor = minor(number(amount, amountLine, "Ntry/Amt"), currency, amountLine);
                        Statement.Batch batch = details.batch(currency);
                        String named = batch == null ? details.endToEnd() : batch.reference();
                        String reference = named != null && !named.isEmpty() ? named : ref;
                        if (reference == null || reference.isEmpty()) {
                            throw new StatementFormatException(start, batch == null ? "an entry without EndToEndId or NtryRef"
                                    : "a batch entry without Btch/PmtInfId, Btch/MsgId or NtryRef");
                        }
                        return new Statement.Entry(reference, minor, currency, sign(direction, start) > 0, booked, kind, reversal, batch);
                    }
                    default -> details.end(p, value, line);
                }
            }
        }
    }

    /** After an entry: true when the next element is another entry (the reader standing on it), false at the statement's end. */
    static boolean nextEntry(XMLStreamReader xml, Path path) throws XMLStreamException {
        int depth = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (depth == 0 && xml.getLocalName().equals("Ntry")) {
                    path.push("Ntry");
                    return true;
                }
                depth++; // AddtlStmtInf and the like: skipped
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == 0) {
                    path.pop(); // the end of Stmt
                    return false;
                }
                depth--;
            }
        }
        throw new StatementFormatException(line(xml), "the document ends inside the statement (truncated)");
    }

    /** Reads to the document's end: only closing tags may follow the statement. */
    static void toEnd(XMLStreamReader xml, Path path) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                throw new StatementFormatException(line(xml), xml.getLocalName().equals("Stmt")
                        ? Iso20022Codec.CAMT_053 + " must carry exactly one statement" : "unexpected element " + xml.getLocalName() + " after the statement");
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                return;
            }
        }
    }

    static BigDecimal number(String text, long line, String element) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0) {
                throw new StatementFormatException(line, "bad amount in " + element + ": \"" + Fields.shown(text) + "\" (negative)");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new StatementFormatException(line, "bad amount in " + element + ": \"" + Fields.shown(text) + "\"");
        }
    }

    static long minor(BigDecimal value, String currency, long line) {
        try {
            return Iso20022Codec.minor(value, currency);
        } catch (Iso20022FormatException e) {
            throw new StatementFormatException(line, e.getMessage());
        }
    }

    static long sign(String direction, long line) {
        if ("CRDT".equals(direction)) {
            return 1;
        }
        if ("DBIT".equals(direction)) {
            return -1;
        }
        throw new StatementFormatException(line, "CdtDbtInd must be CRDT or DBIT, not \"" + Fields.shown(String.valueOf(direction)) + "\"");
    }
}
