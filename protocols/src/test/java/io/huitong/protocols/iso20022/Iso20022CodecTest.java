package io.huitong.protocols.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message of the bank interface, written and read back; and what is not a message. */
class Iso20022CodecTest {

    private final Iso20022Codec codec = new Iso20022Codec();
    private final BankAccount payer = new BankAccount("102100099996", "6222020200001230002", "Li Lei");
    private final BankAccount ours = new BankAccount("308584000013", "755900000000018", "Huitong Settlement");

    @Test
    void aCreditTransferRoundTrips() {
        CreditTransfer t = new CreditTransfer("MSG1", "pay_01JDTEST", "INSTR1", "8a562c67-ca16-48ba-b074-65581be6f001", 12_345, "CNY",
                payer, ours, LocalDate.of(2026, 11, 30), "Order 42");
        String xml = codec.write(t);
        assertThat(xml).contains("urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08", "<EndToEndId>pay_01JDTEST</EndToEndId>",
                "Ccy=\"CNY\">123.45<", "<MmbId>102100099996</MmbId>");
        assertThat(codec.messageName(xml)).isEqualTo("pacs.008.001.08");
        assertThat(codec.readCreditTransfer(xml)).isEqualTo(t);
    }

    @Test
    void amountsFollowTheCurrencysDecimals() {
        assertThat(Iso20022Codec.decimal(1050, "CNY")).isEqualByComparingTo("10.50");
        assertThat(Iso20022Codec.decimal(1050, "JPY")).isEqualByComparingTo("1050");
        assertThat(Iso20022Codec.minor(new BigDecimal("10.5"), "CNY")).isEqualTo(1050);
        assertThatThrownBy(() -> Iso20022Codec.minor(new BigDecimal("10.505"), "CNY")).isInstanceOf(Iso20022FormatException.class);
    }

    @Test
    void aStatusReportRoundTripsWithReasonsAndAmounts() {
        StatusReport r = new StatusReport("MSG2", "MSG1", Iso20022Codec.PACS_008, List.of(
                TransactionStatus.of("pay_1", TxStatus.ACSC, null, 100, "CNY"),
                new TransactionStatus("pay_2", TxStatus.RJCT, TxStatus.AM04, null, null),
                new TransactionStatus("pay_3", TxStatus.RJCT, TxStatus.NOT_FOUND, null, null),
                TransactionStatus.of("pay_4", TxStatus.ACSP, null, 5, "JPY")));
        String xml = codec.write(r);
        assertThat(xml).contains("<Cd>AM04</Cd>", "<Prtry>NOT_FOUND</Prtry>");
        StatusReport back = codec.readStatusReport(xml);
        assertThat(back).isEqualTo(r);
        assertThat(back.transactions().get(0).settled()).isTrue();
        assertThat(back.transactions().get(3).pending()).isTrue();
    }

    @Test
    void statusRequestsReturnsAndCancellationsRoundTrip() {
        StatusRequest q = new StatusRequest("MSG3", "pay_1");
        assertThat(codec.readStatusRequest(codec.write(q))).isEqualTo(q);

        PaymentReturn r = new PaymentReturn("MSG4", "re_1", "pay_1", 250, "CNY", "CUST");
        assertThat(codec.readPaymentReturn(codec.write(r))).isEqualTo(r);

        CancellationRequest c = new CancellationRequest("CASE1", "pay_1", "CUST");
        assertThat(codec.readCancellationRequest(codec.write(c))).isEqualTo(c);

        CancellationResolution yes = new CancellationResolution("CASE1", "pay_1", CancellationResolution.CANCELLED, null);
        CancellationResolution no = new CancellationResolution("CASE1", "pay_1", CancellationResolution.REJECTED,
                CancellationResolution.ALREADY_SETTLED);
        assertThat(codec.readCancellationResolution(codec.write(yes))).isEqualTo(yes);
        assertThat(codec.readCancellationResolution(codec.write(no))).isEqualTo(no);
        assertThat(codec.write(yes)).contains("<Conf>CNCL</Conf>", "<TxCxlSts>ACCR</TxCxlSts>");
    }

    @Test
    void aPayoutBatchAndItsReportRoundTrip() {
        PayoutBatch b = new PayoutBatch("BATCH1", ours, LocalDate.of(2026, 11, 30), List.of(
                new PayoutBatch.Payout("po_1", 10_000, "CNY", new BankAccount("102100099996", "6222020200009990001", "Han Meimei"), "Payout"),
                new PayoutBatch.Payout("po_2", 1, "CNY", payer, null)));
        String xml = codec.write(b);
        assertThat(xml).contains("<NbOfTxs>2</NbOfTxs>", "<CtrlSum>100.01</CtrlSum>");
        assertThat(codec.readPayoutBatch(xml)).isEqualTo(b);

        PayoutReport r = new PayoutReport("MSG5", "BATCH1", "PART", List.of(
                TransactionStatus.of("po_1", TxStatus.ACSC, null, 10_000, "CNY"),
                new TransactionStatus("po_2", TxStatus.RJCT, TxStatus.AC01, 1L, "CNY")));
        assertThat(codec.readPayoutReport(codec.write(r))).isEqualTo(r);
    }

    @Test
    void aPayoutBatchSaysWhetherItIsToBeBookedAsOne() {
        List<PayoutBatch.Payout> payouts = List.of(new PayoutBatch.Payout("po_1", 100, "CNY", payer, null),
                new PayoutBatch.Payout("po_2", 200, "CNY", payer, null));
        PayoutBatch asOne = new PayoutBatch("pob_1", ours, LocalDate.of(2026, 11, 30), payouts, true);
        assertThat(codec.write(asOne)).contains("<BtchBookg>true</BtchBookg>", "<PmtInfId>pob_1</PmtInfId>");
        assertThat(codec.readPayoutBatch(codec.write(asOne))).isEqualTo(asOne);
        PayoutBatch apart = new PayoutBatch("pob_2", ours, LocalDate.of(2026, 11, 30), payouts, false);
        assertThat(codec.readPayoutBatch(codec.write(apart)).batchBooking()).isFalse();
        PayoutBatch unsaid = new PayoutBatch("pob_3", ours, LocalDate.of(2026, 11, 30), payouts);
        assertThat(codec.write(unsaid)).doesNotContain("BtchBookg");
        assertThat(codec.readPayoutBatch(codec.write(unsaid)).batchBooking()).isNull();
    }

    @Test
    void aBatchBookedAsOneEntryRoundTripsWithItsTransactions() {
        LocalDate day = LocalDate.of(2026, 11, 30);
        Statement s = new Statement("MSG7", "STMT-20261130", ours, "CNY", day, 10_000, 9_000, List.of(
                new Statement.Entry("pob_1", 700, "CNY", false, day, "payout", false, new Statement.Batch("pob_1", "pob_1", 2,
                        List.of(new Statement.Transaction("po_1", 300), new Statement.Transaction("po_2", 400)))),
                new Statement.Entry("po_3", 300, "CNY", false, day, "payout")));
        String xml = codec.write(s);
        assertThat(xml).contains("<Btch>", "<MsgId>pob_1</MsgId>", "<PmtInfId>pob_1</PmtInfId>", "<NbOfTxs>2</NbOfTxs>",
                "<TtlAmt Ccy=\"CNY\">7.00</TtlAmt>", "<EndToEndId>po_2</EndToEndId>");
        assertThat(codec.readStatement(xml)).isEqualTo(s);
    }

    @Test
    void aStatementRoundTripsWithDebitBalances() {
        LocalDate day = LocalDate.of(2026, 11, 30);
        Statement s = new Statement("MSG6", "STMT-20261130", ours, "CNY", day, -500, 9_250, List.of(
                new Statement.Entry("pay_1", 10_000, "CNY", true, day, "transfer"),
                new Statement.Entry("re_1", 250, "CNY", false, day, "return")));
        String xml = codec.write(s);
        assertThat(xml).contains("<Cd>OPBD</Cd>", "<Cd>CLBD</Cd>", "<CdtDbtInd>DBIT</CdtDbtInd>");
        assertThat(codec.readStatement(xml)).isEqualTo(s);
    }

    @Test
    void whatIsNotTheExpectedMessageIsAFormatErrorNamingNoAccount() {
        String transfer = codec.write(new CreditTransfer("M", "pay_1", "I", null, 1, "CNY", payer, ours, LocalDate.now(), null));
        assertThatThrownBy(() -> codec.readStatusReport(transfer)).isInstanceOf(Iso20022FormatException.class)
                .hasMessageContaining("expected pacs.002.001.10, got pacs.008.001.08");
        assertThatThrownBy(() -> codec.readCreditTransfer("")).isInstanceOf(Iso20022FormatException.class).hasMessage("empty message");
        assertThatThrownBy(() -> codec.readCreditTransfer("<hello/>")).isInstanceOf(Iso20022FormatException.class)
                .hasMessageContaining("not an ISO 20022 document");
        assertThatThrownBy(() -> codec.readCreditTransfer(transfer.substring(0, transfer.length() / 2)))
                .isInstanceOf(Iso20022FormatException.class).hasMessageNotContaining("6222020200001230002");
        assertThatThrownBy(() -> codec.readCreditTransfer(transfer.replace("<EndToEndId>pay_1</EndToEndId>", "")))
                .isInstanceOf(Iso20022FormatException.class).hasMessageContaining("EndToEndId");
        assertThatThrownBy(() -> codec.readCreditTransfer("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + transfer.substring(transfer.indexOf("<Document")))).isInstanceOf(Iso20022FormatException.class);
    }

    @Test
    void accountsShowTheirLastFourDigitsOnly() {
        assertThat(payer.toString()).doesNotContain("6222020200001230002").contains("0002");
        assertThat(payer.masked()).isEqualTo("****0002");
    }

    @Test
    void signaturesVerifyAndRefuseTamperingStalenessAndGarbage() {
        NotificationSignature sig = new NotificationSignature("k".repeat(32));
        byte[] body = "<Document/>".getBytes(StandardCharsets.UTF_8);
        String header = sig.sign(1_000, body);
        assertThat(header).startsWith("t=1000,v1=");
        assertThat(sig.verify(header, body, 1_010, 300)).isEqualTo(NotificationSignature.Verdict.VALID);
        assertThat(sig.verify(header, "<Document />".getBytes(StandardCharsets.UTF_8), 1_010, 300))
                .isEqualTo(NotificationSignature.Verdict.MISMATCH);
        assertThat(sig.verify(header, body, 2_000, 300)).isEqualTo(NotificationSignature.Verdict.STALE);
        assertThat(sig.verify(null, body, 1_000, 300)).isEqualTo(NotificationSignature.Verdict.MISSING);
        assertThat(sig.verify("t=abc,v1=zz", body, 1_000, 300)).isEqualTo(NotificationSignature.Verdict.MALFORMED);
        assertThat(new NotificationSignature("x".repeat(32)).verify(header, body, 1_000, 300)).isEqualTo(NotificationSignature.Verdict.MISMATCH);
        assertThat(sig.toString()).doesNotContain("kkkk");
    }
}
