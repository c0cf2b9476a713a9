package io.huitong.web.aml;

import io.huitong.aml.AmlReport;
import io.huitong.aml.AmlTransaction;
import io.huitong.aml.CustomerIdentity;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * AML reports as CSV (RFC 4180, one line per report and transaction) and as XML
 * ({@code <aml_reports><report><customer/><merchants/><transactions><transaction/>...}).
 */
public final class AmlExports {

    static final List<String> CSV_COLUMNS = List.of("report_id", "report_type", "rule", "business_day", "customer", "customer_type",
            "customer_kind", "customer_name", "customer_id_number", "customer_phone", "card_brand", "card_number", "card_fingerprint",
            "bank_code", "account_number", "merchants", "report_amount_cny", "transaction_id", "kind", "direction", "counterparty", "merchant", "reference", "amount",
            "currency", "cross_border", "cash", "occurred_at");

    private AmlExports() {
    }

    public static String csv(List<AmlReport> reports) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (AmlReport r : reports) {
            for (AmlTransaction t : r.transactions()) {
                CustomerIdentity who = r.customerIdentity() == null ? CustomerIdentity.other() : r.customerIdentity();
                List<Object> cells = List.of(r.id(), r.type(), r.rule(), r.businessDay(), r.customer(), r.customerType(), who.kind(),
                        nz(who.name()), nz(who.idNumber()), nz(who.phone()), nz(who.cardBrand()), nz(who.cardNumber()),
                        nz(who.cardFingerprint()), nz(who.bankCode()), nz(who.accountNumber()), String.join(" ", r.merchants()), r.amountCny(), t.id(), t.kind(), t.direction(), nz(t.counterparty()),
                        nz(t.merchant()), nz(t.reference()), t.amount(), t.currency(), t.crossBorder(), t.cash(), t.occurredAt());
                StringBuilder line = new StringBuilder();
                for (Object cell : cells) {
                    if (!line.isEmpty()) {
                        line.append(',');
                    }
                    line.append(cell(String.valueOf(cell)));
                }
                out.append(line).append("\r\n");
            }
        }
        return out.toString();
    }

    /**
     * One CSV field: quoted when it holds a comma, quote or line break; a text starting with {@code = + - @}
     * gets a leading apostrophe so a spreadsheet shows it rather than running it as a formula.
     */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    public static String xml(List<AmlReport> reports, String type, Instant generatedAt) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("aml_reports");
            if (type != null) {
                x.writeAttribute("type", type);
            }
            x.writeAttribute("generated_at", generatedAt.toString());
            x.writeAttribute("count", String.valueOf(reports.size()));
            for (AmlReport r : reports) {
                x.writeStartElement("report");
                x.writeAttribute("id", r.id());
                x.writeAttribute("type", r.type());
                x.writeAttribute("rule", r.rule());
                x.writeAttribute("business_day", r.businessDay().toString());
                element(x, "description", r.description());
                x.writeEmptyElement("customer");
                x.writeAttribute("id", r.customer());
                x.writeAttribute("type", r.customerType());
                CustomerIdentity who = r.customerIdentity() == null ? CustomerIdentity.other() : r.customerIdentity();
                x.writeAttribute("kind", who.kind());
                attribute(x, "name", who.name());
                attribute(x, "id_number", who.idNumber());
                attribute(x, "phone", who.phone());
                attribute(x, "card_brand", who.cardBrand());
                attribute(x, "card_number", who.cardNumber());
                attribute(x, "card_fingerprint", who.cardFingerprint());
                attribute(x, "bank_code", who.bankCode());
                attribute(x, "account_number", who.accountNumber());
                x.writeStartElement("merchants");
                for (String m : r.merchants()) {
                    x.writeEmptyElement("merchant");
                    x.writeAttribute("id", m);
                }
                x.writeEndElement();
                x.writeStartElement("amount_cny");
                x.writeCharacters(String.valueOf(r.amountCny()));
                x.writeEndElement();
                x.writeStartElement("transactions");
                for (AmlTransaction t : r.transactions()) {
                    x.writeStartElement("transaction");
                    x.writeAttribute("id", t.id());
                    x.writeAttribute("kind", t.kind());
                    x.writeAttribute("direction", t.direction());
                    x.writeAttribute("occurred_at", t.occurredAt().toString());
                    element(x, "counterparty", t.counterparty());
                    element(x, "merchant", t.merchant());
                    element(x, "reference", t.reference());
                    x.writeStartElement("amount");
                    x.writeAttribute("currency", t.currency());
                    x.writeCharacters(String.valueOf(t.amount()));
                    x.writeEndElement();
                    element(x, "cross_border", String.valueOf(t.crossBorder()));
                    element(x, "cash", String.valueOf(t.cash()));
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the AML export failed", e);
        }
        return out.toString();
    }

    private static void attribute(javax.xml.stream.XMLStreamWriter x, String name, String value) throws javax.xml.stream.XMLStreamException {
        if (value != null) {
            x.writeAttribute(name, value);
        }
    }

    private static void element(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
