package io.huitong.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.protocols.iso20022.BankAccount;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.statements.AcquirerSettlement;
import io.huitong.protocols.statements.AcquirerSettlement.Code;
import io.huitong.protocols.statements.AcquirerSettlement.Status;
import io.huitong.protocols.statements.AcquirerSettlementWriter;
import io.huitong.protocols.statements.StatementFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements read into lines as matching compares them: signed amounts, reversals, and the content's hash. */
class StatementStreamTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 5);
    static final Instant AT = Instant.parse("2026-12-05T03:12:45Z");

    static byte[] acquirerFile(String acquirer, AcquirerSettlement.Line... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AcquirerSettlementWriter w = new AcquirerSettlementWriter(out, new AcquirerSettlement.Header(acquirer, DAY))) {
            for (AcquirerSettlement.Line l : lines) {
                w.write(l);
            }
            w.finish();
        }
        return out.toByteArray();
    }

    static AcquirerSettlement.Line line(Code code, long amount, long fee, long settlement, String reference, String original) {
        return new AcquirerSettlement.Line(code, "000017", AT, null, amount, "CNY", "000123456790", null, reference, null, fee, settlement, original,
                Status.SETTLED);
    }

    static List<StatementLine> read(StatementFormat format, byte[] file, StatementExpectation expected) {
        List<StatementLine> lines = new ArrayList<>();
        try (StatementStream s = format.open(new ByteArrayInputStream(file))) {
            expected.checkHeader(s.facts());
            for (StatementLine l; (l = s.next()) != null; ) {
                expected.checkLine(l);
                lines.add(l);
            }
            expected.checkEnd(s.facts());
        }
        return lines;
    }

    @Test
    void anAcquirersLinesAreSignedAsTheyMoveOurMoney() {
        byte[] file = acquirerFile("acq_a", line(Code.SALE, 1_000, 6, 994, "pay_1", null), line(Code.REFUND, 300, 0, -300, "re_1", "pay_1"),
                line(Code.REVERSAL, 500, -3, -497, "pay_2", "pay_2"), line(Code.REVERSAL, 200, 0, 200, "re_2", "re_2"));
        List<StatementLine> lines = read(StatementFormat.ACQUIRER_SETTLEMENT, file,
                new StatementExpectation("acq_a", DAY, StatementFormat.ACQUIRER_SETTLEMENT));
        assertThat(lines).extracting(StatementLine::amount).containsExactly(1_000L, -300L, -500L, 200L);
        assertThat(lines).extracting(StatementLine::reversal).containsExactly(false, false, true, true);
        assertThat(lines).extracting(StatementLine::lineNo).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines.getFirst().channelReference()).isEqualTo("000123456790");
    }

    @Test
    void anotherAcquirersFileOrDateIsRefusedOnItsFirstLine() {
        byte[] file = acquirerFile("acq_b", line(Code.SALE, 1_000, 6, 994, "pay_1", null));
        assertThatThrownBy(() -> read(StatementFormat.ACQUIRER_SETTLEMENT, file,
                new StatementExpectation("acq_a", DAY, StatementFormat.ACQUIRER_SETTLEMENT)))
                .isInstanceOf(StatementMismatch.class).hasMessage("line 1: the statement is acq_b's, not acq_a's");
        assertThatThrownBy(() -> read(StatementFormat.ACQUIRER_SETTLEMENT, file,
                new StatementExpectation("acq_b", DAY.plusDays(1), StatementFormat.ACQUIRER_SETTLEMENT)))
                .isInstanceOf(StatementMismatch.class).hasMessageContaining("line 1").hasMessageContaining("2026-12-05");
        assertThatThrownBy(() -> read(StatementFormat.ACQUIRER_SETTLEMENT, "H,acquirer_settlement,1,acq_a,2026-12-05\r\n".getBytes(StandardCharsets.UTF_8),
                new StatementExpectation("acq_a", DAY, StatementFormat.ACQUIRER_SETTLEMENT)))
                .isInstanceOf(StatementFormatException.class).hasMessageContaining("line 2").hasMessageContaining("truncated");
    }

    @Test
    void theSameBankStatementWrittenAnewHasTheSameContent() {
        Iso20022Codec codec = new Iso20022Codec();
        BankAccount account = new BankAccount("999900000001", "6222000000000001", "Huitong");
        List<Statement.Entry> entries = List.of(new Statement.Entry("pay_1", 12_000, "CNY", true, DAY, "transfer"),
                new Statement.Entry("po_1", 8_800, "CNY", false, DAY, "payout"));
        byte[] first = codec.write(new Statement("MSG1", "STMT-1", account, "CNY", DAY, 0, 3_200, entries)).getBytes(StandardCharsets.UTF_8);
        byte[] again = codec.write(new Statement("MSG2", "STMT-1", account, "CNY", DAY, 0, 3_200, entries)).getBytes(StandardCharsets.UTF_8);
        assertThat(first).isNotEqualTo(again);
        assertThat(digest(StatementFormat.CAMT_053, first)).isEqualTo(digest(StatementFormat.CAMT_053, again));

        try (StatementStream s = StatementFormat.CAMT_053.open(new ByteArrayInputStream(first))) {
            assertThat(s.next().amount()).isEqualTo(12_000);
            assertThat(s.next().amount()).isEqualTo(-8_800);
            assertThat(s.next()).isNull();
            assertThat(s.facts().balances()).isEqualTo(new StatementFacts.Balances("CNY", 0, 12_000, 8_800, 3_200));
        }
    }

    @Test
    void aBatchTheBankBookedAsOneIsOneLineOfTheBatchAndAnotherAccountsStatementIsRefused() {
        Iso20022Codec codec = new Iso20022Codec();
        BankAccount ours = new BankAccount("999900000001", "955880000000000018", "Huitong Settlement");
        Statement.Batch batch = new Statement.Batch("pob_1", "pob_1", 2, List.of(new Statement.Transaction("po_1", 3_000),
                new Statement.Transaction("po_2", 5_800)));
        List<Statement.Entry> entries = List.of(new Statement.Entry("pay_1", 12_000, "CNY", true, DAY, "transfer"),
                new Statement.Entry("pob_1", 8_800, "CNY", false, DAY, "payout", false, batch));
        byte[] file = codec.write(new Statement("MSG1", "STMT-1", ours, "CNY", DAY, 0, 3_200, entries)).getBytes(StandardCharsets.UTF_8);
        StatementExpectation expected = new StatementExpectation("bank", DAY, StatementFormat.CAMT_053, ours.number());
        List<StatementLine> lines = read(StatementFormat.CAMT_053, file, expected);
        assertThat(lines).extracting(StatementLine::reference).containsExactly("pay_1", "pob_1");
        assertThat(lines.get(1).amount()).as("what the batch moved, as one line").isEqualTo(-8_800);
        assertThat(lines.get(1).kind()).isEqualTo("payout");

        byte[] theirs = codec.write(new Statement("MSG1", "STMT-1", new BankAccount("999900000001", "955880000000000026", "Someone"), "CNY", DAY,
                0, 3_200, entries)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(StatementFormat.CAMT_053, theirs, expected)).isInstanceOf(StatementMismatch.class)
                .hasMessage("the statement is of the account ending 0026, not of our settlement account at bank (ending 0018)")
                .hasMessageNotContaining("955880000000000026");
        assertThat(read(StatementFormat.CAMT_053, theirs, new StatementExpectation("bank", DAY, StatementFormat.CAMT_053)))
                .as("no account to check").hasSize(2);
    }

    static String digest(StatementFormat format, byte[] file) {
        ContentDigest digest = new ContentDigest();
        try (StatementStream s = format.open(new ByteArrayInputStream(file))) {
            for (StatementLine l; (l = s.next()) != null; ) {
                digest.add(l);
            }
            digest.add(s.facts());
        }
        return digest.hex();
    }
}
