package io.huitong.protocols.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Statement;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BankStatementReaderTest {

    static final Iso20022Codec CODEC = new Iso20022Codec();
    static final LocalDate DAY = LocalDate.of(2026, 12, 5);
    static final BankAccount ACCOUNT = new BankAccount("999900000001", "955880000000000018", "Huitong Settlement");

    static final List<Statement.Entry> ENTRIES = List.of(
            new Statement.Entry("pay_A", 10_000, "CNY", true, DAY, "transfer"),
            new Statement.Entry("po_B", 2_000, "CNY", false, DAY, "payout"),
            new Statement.Entry("wdr_C", 300, "CNY", false, DAY, "payout"),
            new Statement.Entry("ret_D", 1_000, "CNY", false, DAY, "return"),
            new Statement.Entry("pay_E", 500, "CNY", false, DAY, "transfer", true));

    static String statement() {
        return CODEC.write(new Statement("MSG1", "STMT-2026-12-05", ACCOUNT, "CNY", DAY, 50_000, 56_200, ENTRIES));
    }

    static List<Statement.Entry> read(String xml) {
        List<Statement.Entry> entries = new ArrayList<>();
        try (BankStatementReader r = BankStatementReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
            for (Statement.Entry e; (e = r.next()) != null; ) {
                entries.add(e);
            }
        }
        return entries;
    }

    @Test
    void aWrittenStatementReadsBackEntryByEntry() {
        String xml = statement();
        try (BankStatementReader r = BankStatementReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.header()).isEqualTo(new BankStatementReader.Header("MSG1", "STMT-2026-12-05", ACCOUNT, "CNY", DAY, 50_000, 56_200, 5));
            List<Statement.Entry> entries = new ArrayList<>();
            for (Statement.Entry e; (e = r.next()) != null; ) {
                entries.add(e);
            }
            assertThat(entries).isEqualTo(ENTRIES);
        }
        assertThat(xml).contains("<RvslInd>true</RvslInd>").contains("<NbOfNtries>5</NbOfNtries>").contains("<EndToEndId>wdr_C</EndToEndId>");
        Statement whole = CODEC.readStatement(xml);
        assertThat(whole.entries()).isEqualTo(ENTRIES);
        assertThat(whole.date()).isEqualTo(DAY);
    }

    static final Statement.Batch BATCH = new Statement.Batch("pob_F", "pob_F", 3, List.of(new Statement.Transaction("po_F1", 1_000),
            new Statement.Transaction("po_F2", 2_000), new Statement.Transaction("po_F3", 3_000)));

    @Test
    void aBatchBookedAsOneEntryIsNamedByTheBatchNeverByOneOfItsPayouts() {
        List<Statement.Entry> entries = List.of(new Statement.Entry("pay_A", 10_000, "CNY", true, DAY, "transfer"),
                new Statement.Entry("pob_F", 6_000, "CNY", false, DAY, "payout", false, BATCH));
        String xml = CODEC.write(new Statement("MSG3", "S", ACCOUNT, "CNY", DAY, 0, 4_000, entries));
        assertThat(read(xml)).isEqualTo(entries);

        String byMessageOnly = xml.replace("<PmtInfId>pob_F</PmtInfId>", "").replace("<MsgId>pob_F</MsgId>", "<MsgId>MSG_F</MsgId>");
        Statement.Entry named = read(byMessageOnly).get(1);
        assertThat(named.reference()).as("the message id when the batch has no payment information id").isEqualTo("MSG_F");
        assertThat(named.batch().details()).extracting(Statement.Transaction::reference).containsExactly("po_F1", "po_F2", "po_F3");

        String unnamed = byMessageOnly.replace("<MsgId>MSG_F</MsgId>", "");
        assertThat(read(unnamed).get(1).reference()).as("the bank's own reference when the batch has no id").isEqualTo("pob_F");
        assertThat(read(unnamed).get(1).batch().reference()).isNull();

        String listedOnly = unnamed.replaceAll("(?s)<Btch>.*?</Btch>", "");
        Statement.Entry listed = read(listedOnly).get(1);
        assertThat(listed.reference()).as("several transactions without Btch: still a batch").isEqualTo("pob_F");
        assertThat(listed.batch()).isEqualTo(new Statement.Batch(null, null, -1, BATCH.details()));
        assertThat(CODEC.readStatement(listedOnly).entries()).isEqualTo(read(listedOnly));
    }

    @Test
    void aStatementWithoutEntriesHasItsBalances() {
        String xml = CODEC.write(new Statement("MSG2", "STMT-2026-12-06", ACCOUNT, "CNY", DAY.plusDays(1), -700, -700, List.of()));
        try (BankStatementReader r = BankStatementReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.header().openingBalance()).isEqualTo(-700);
            assertThat(r.header().date()).isEqualTo(DAY.plusDays(1));
            assertThat(r.next()).isNull();
        }
    }

    private static long lineOf(String xml, String text) {
        return xml.substring(0, xml.indexOf(text)).lines().count() + (xml.substring(0, xml.indexOf(text)).endsWith("\n") ? 1 : 0);
    }

    @Test
    void malformedStatementsAreRefusedNamingTheLine() {
        String xml = statement();
        String cut = xml.substring(0, xml.indexOf("<EndToEndId>ret_D"));
        assertThatThrownBy(() -> read(cut)).isInstanceOf(StatementFormatException.class)
                .hasMessageStartingWith("line " + cut.lines().count() + ": malformed or truncated XML");
        assertThatThrownBy(() -> read(xml.replace("<NbOfNtries>5</NbOfNtries>", "<NbOfNtries>4</NbOfNtries>")))
                .isInstanceOf(StatementFormatException.class)
                .hasMessageEndingWith("the summary disagrees with the details: TxsSummry/TtlNtries/NbOfNtries is 4 but the lines add up to 5");
        String otherAmount = xml.replaceFirst("<Amt Ccy=\"CNY\">20.00</Amt>", "<Amt Ccy=\"CNY\">21.00</Amt>");
        assertThatThrownBy(() -> read(otherAmount)).isInstanceOf(StatementFormatException.class)
                .hasMessageContaining("TxsSummry/TtlNtries/Sum (in minor units) is 13800 but the lines add up to 13900");
        String badAmount = xml.replaceFirst("<Amt Ccy=\"CNY\">3.00</Amt>", "<Amt Ccy=\"CNY\">3.0x</Amt>");
        assertThatThrownBy(() -> read(badAmount)).isInstanceOf(StatementFormatException.class)
                .hasMessage("line " + lineOf(badAmount, "<Amt Ccy=\"CNY\">3.0x") + ": bad amount in Ntry/Amt: \"3.0x\"");
        String tooPrecise = xml.replaceFirst("<Amt Ccy=\"CNY\">3.00</Amt>", "<Amt Ccy=\"CNY\">3.001</Amt>");
        assertThatThrownBy(() -> read(tooPrecise)).isInstanceOf(StatementFormatException.class).hasMessageContaining("more decimals than CNY allows");
        assertThatThrownBy(() -> read(xml.replace("<Dt>2026-12-05</Dt>", "<Dt>2026-12-32</Dt>"))).isInstanceOf(StatementFormatException.class)
                .hasMessageContaining("bad date in Bal/Dt/Dt: \"2026-12-32\"");
        String doctype = xml.replaceFirst("\\?>", "?><!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
        assertThatThrownBy(() -> read(doctype)).isInstanceOf(StatementFormatException.class)
                .hasMessage("line 1: document type declarations are not accepted");
        assertThatThrownBy(() -> read(xml.replace("camt.053.001.08", "camt.052.001.08"))).isInstanceOf(StatementFormatException.class)
                .hasMessageContaining("not a camt.053.001.08 document");
    }

    @Test
    void aClosingBalanceThatDisagreesWithTheEntriesIsRefused() {
        String xml = CODEC.write(new Statement("MSG1", "S", ACCOUNT, "CNY", DAY, 50_000, 56_000, ENTRIES));
        assertThatThrownBy(() -> read(xml)).isInstanceOf(StatementFormatException.class)
                .hasMessageEndingWith("the closing balance less the opening balance is 6000 but the lines add up to 6200");
    }
}
