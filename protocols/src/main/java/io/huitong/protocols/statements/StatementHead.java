package io.huitong.protocols.statements;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.Iso20022Codec;
import java.math.BigDecimal;
import java.time.LocalDate;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a camt.053 says before its first entry (or up to the statement's end when it has none): the group header,
 * the account, the balances and the summary, read by {@link BankStatementReader} on opening.
 */
final class StatementHead {

    String messageId;
    String statementId;
    String number;
    String bankCode;
    String name;
    String currency;
    LocalDate date;
    Long opening;
    Long closing;
    long entryCount = -1;
    BigDecimal summarySum;
    Long summaryNet;
    boolean atEntry;
    private String balanceType;
    private String balanceAmount;
    private String balanceCurrency;
    private String balanceDirection;
    private LocalDate balanceDate;
    private String netAmount;
    private String netDirection;
    private int statements;

    void read(XMLStreamReader xml, StatementXml.Path path) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                // ISO 20022 messages have none, and one could name files or URLs for a less careful reader to load
                throw new StatementFormatException(StatementXml.line(xml), "document type declarations are not accepted");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (path.current().isEmpty() && (!xml.getLocalName().equals("Document") || !BankStatementReader.NAMESPACE.equals(xml.getNamespaceURI()))) {
                    throw new StatementFormatException(StatementXml.line(xml), "not a " + Iso20022Codec.CAMT_053 + " document (root " + xml.getName() + ")");
                }
                path.push(xml.getLocalName());
                text.setLength(0);
                String p = path.current();
                if (p.equals(StatementXml.STMT) && ++statements > 1) {
                    throw new StatementFormatException(StatementXml.line(xml), Iso20022Codec.CAMT_053 + " must carry exactly one statement");
                }
                if (p.equals(StatementXml.STMT + "/Bal/Amt")) {
                    balanceCurrency = xml.getAttributeValue(null, "Ccy");
                }
                if (p.equals(StatementXml.NTRY)) {
                    atEntry = true;
                    return;
                }
            } else if (event == XMLStreamConstants.CHARACTERS) {
                text.append(xml.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                end(path.current(), text.toString().strip(), StatementXml.line(xml), xml);
                path.pop();
                text.setLength(0);
                if (path.current().equals("Document/BkToCstmrStmt") && statements == 1) {
                    return;
                }
            }
        }
        throw new StatementFormatException(StatementXml.line(xml), "the document ends before its statement does (truncated)");
    }

    private void end(String p, String value, long line, XMLStreamReader xml) {
        switch (p) {
            case "Document/BkToCstmrStmt/GrpHdr/MsgId" -> messageId = value;
            case StatementXml.STMT + "/Id" -> statementId = value;
            case StatementXml.STMT + "/FrToDt/FrDtTm" -> date = date == null ? BankStatementReader.businessDate(value, line) : date;
            case StatementXml.STMT + "/Acct/Id/Othr/Id" -> number = value;
            case StatementXml.STMT + "/Acct/Ccy" -> currency = value;
            case StatementXml.STMT + "/Acct/Nm" -> name = value;
            case StatementXml.STMT + "/Acct/Svcr/FinInstnId/ClrSysMmbId/MmbId" -> bankCode = value;
            case StatementXml.STMT + "/Bal/Tp/CdOrPrtry/Cd" -> balanceType = value;
            case StatementXml.STMT + "/Bal/Amt" -> balanceAmount = value;
            case StatementXml.STMT + "/Bal/CdtDbtInd" -> balanceDirection = value;
            case StatementXml.STMT + "/Bal/Dt/Dt" -> balanceDate = Fields.date(value, line, "Bal/Dt/Dt");
            case StatementXml.STMT + "/Bal" -> balance(line);
            case StatementXml.STMT + "/TxsSummry/TtlNtries/NbOfNtries" -> entryCount = Fields.minor(value, line, "TxsSummry/TtlNtries/NbOfNtries");
            case StatementXml.STMT + "/TxsSummry/TtlNtries/Sum" -> summarySum = StatementXml.number(value, line, "TxsSummry/TtlNtries/Sum");
            case StatementXml.STMT + "/TxsSummry/TtlNtries/TtlNetNtry/Amt" -> netAmount = value;
            case StatementXml.STMT + "/TxsSummry/TtlNtries/TtlNetNtry/CdtDbtInd" -> netDirection = value;
            case StatementXml.STMT + "/TxsSummry/TtlNtries/TtlNetNtry" -> summaryNet = null; // resolved once the currency is known
            default -> {
            }
        }
    }

    private void balance(long line) {
        if (balanceAmount == null || balanceCurrency == null) {
            throw new StatementFormatException(line, "a balance (Bal) without Amt and its Ccy");
        }
        long value = StatementXml.minor(StatementXml.number(balanceAmount, line, "Bal/Amt"), balanceCurrency, line) * StatementXml.sign(balanceDirection, line);
        if ("OPBD".equals(balanceType)) {
            opening = value;
        } else if ("CLBD".equals(balanceType)) {
            closing = value;
            date = balanceDate == null ? date : balanceDate;
        }
        balanceType = null;
        balanceAmount = null;
        balanceDirection = null;
        balanceDate = null;
    }

    BankStatementReader.Header header() {
        long line = 0;
        if (messageId == null || statementId == null || number == null || currency == null) {
            throw new StatementFormatException(line, "missing GrpHdr/MsgId, Stmt/Id, Acct/Id/Othr/Id or Acct/Ccy");
        }
        if (opening == null || closing == null) {
            throw new StatementFormatException(line, Iso20022Codec.CAMT_053 + " must carry an opening (OPBD) and a closing (CLBD) balance");
        }
        if (date == null) {
            throw new StatementFormatException(line, "the statement names no date (CLBD Dt or FrToDt)");
        }
        if (netAmount != null) {
            summaryNet = StatementXml.minor(StatementXml.number(netAmount, line, "TtlNetNtry/Amt"), currency, line) * StatementXml.sign(netDirection, line);
        }
        Fields.currency(currency, line, "Acct/Ccy");
        return new BankStatementReader.Header(messageId, statementId, new BankAccount(bankCode, number, name), currency, date, opening,
                closing, entryCount);
    }
}
