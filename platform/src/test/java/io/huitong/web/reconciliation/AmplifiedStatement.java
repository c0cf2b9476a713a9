package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.statements.AcquirerSettlement;
import io.huitong.protocols.statements.AcquirerSettlementReader;
import io.huitong.protocols.statements.AcquirerSettlementWriter;
import io.huitong.protocols.statements.BankStatementReader;
import io.huitong.protocols.statements.EcnyBill;
import io.huitong.protocols.statements.EcnyBillReader;
import io.huitong.protocols.statements.EcnyBillWriter;
import io.huitong.protocols.statements.WalletBill;
import io.huitong.protocols.statements.WalletBillReader;
import io.huitong.protocols.statements.WalletBillWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A channel's statement of the sample, read with the protocols' reader, written again many times over with their writer. */
interface AmplifiedStatement {

    /** The sample's lines, as read. */
    List<?> details();

    default int lines() {
        return details().size();
    }

    /** Our references on the lines (ours and the refunded or reversed transactions'). */
    Set<String> references();

    /** The channel's own references on the lines. */
    Set<String> channelReferences();

    /** The statement with its lines {@code copies} times, the copies under their fresh references. */
    byte[] amplified(int copies, FreshReferences fresh);

    /** Each line's reference and, where it has one, the reference of what it refunds or reverses, in the order of the lines. */
    static <L> Set<String> references(List<L> lines, Function<L, String> own, Function<L, String> original) {
        Set<String> out = new LinkedHashSet<>();
        for (L l : lines) {
            out.add(own.apply(l));
            if (original.apply(l) != null) {
                out.add(original.apply(l));
            }
        }
        return out;
    }

    record AcquirerFile(AcquirerSettlement.Header header, List<AcquirerSettlement.Line> details, AcquirerSettlement.Trailer trailer)
            implements AmplifiedStatement {

        static AcquirerFile read(byte[] file) {
            List<AcquirerSettlement.Line> lines = new ArrayList<>();
            try (AcquirerSettlementReader r = AcquirerSettlementReader.open(new ByteArrayInputStream(file))) {
                for (AcquirerSettlement.Line l; (l = r.next()) != null; ) {
                    lines.add(l);
                }
                return new AcquirerFile(r.header(), lines, r.trailer());
            }
        }

        @Override
        public Set<String> references() {
            return AmplifiedStatement.references(details, AcquirerSettlement.Line::reference, AcquirerSettlement.Line::originalReference);
        }

        @Override
        public Set<String> channelReferences() {
            return details.stream().map(AcquirerSettlement.Line::rrn).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        @Override
        public byte[] amplified(int copies, FreshReferences fresh) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AcquirerSettlement.Trailer written;
            try (AcquirerSettlementWriter w = new AcquirerSettlementWriter(out, header)) {
                for (int n = 0; n < copies; n++) {
                    for (AcquirerSettlement.Line l : details) {
                        w.write(new AcquirerSettlement.Line(l.code(), l.stan(), l.transmissionTime(), l.maskedPan(), l.amount(), l.currency(),
                                fresh.of(l.rrn(), n), l.authorizationCode(), fresh.of(l.reference(), n), l.merchantId(), l.fee(),
                                l.settlementAmount(), fresh.of(l.originalReference(), n), l.status()));
                    }
                }
                written = w.finish();
            }
            assertThat(written).as("the trailer of " + header.acquirer()).isEqualTo(new AcquirerSettlement.Trailer(trailer.count() * copies,
                    trailer.amountTotal() * copies, trailer.feeTotal() * copies, trailer.settlementTotal() * copies));
            return out.toByteArray();
        }
    }

    record BankFile(BankStatementReader.Header header, List<Statement.Entry> entries) implements AmplifiedStatement {

        static BankFile read(byte[] file) {
            List<Statement.Entry> entries = new ArrayList<>();
            try (BankStatementReader r = BankStatementReader.open(new ByteArrayInputStream(file))) {
                for (Statement.Entry e; (e = r.next()) != null; ) {
                    entries.add(e);
                }
                return new BankFile(r.header(), entries);
            }
        }

        long credits() {
            return entries.stream().filter(Statement.Entry::credit).mapToLong(Statement.Entry::amount).sum();
        }

        long debits() {
            return entries.stream().filter(e -> !e.credit()).mapToLong(Statement.Entry::amount).sum();
        }

        @Override
        public List<Statement.Entry> details() {
            return entries;
        }

        @Override
        public Set<String> references() {
            return entries.stream().map(Statement.Entry::reference).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        @Override
        public Set<String> channelReferences() {
            return Set.of();
        }

        /** The closing balance follows: the opening balance and every copy of the day's movements. */
        @Override
        public byte[] amplified(int copies, FreshReferences fresh) {
            List<Statement.Entry> out = new ArrayList<>(entries.size() * copies);
            for (int n = 0; n < copies; n++) {
                for (Statement.Entry e : entries) {
                    out.add(new Statement.Entry(fresh.of(e.reference(), n), e.amount(), e.currency(), e.credit(), e.bookingDate(), e.kind(),
                            e.reversal()));
                }
            }
            assertThat(header.closingBalance()).as("the sample rolls forward").isEqualTo(header.openingBalance() + credits() - debits());
            long closing = header.openingBalance() + (credits() - debits()) * copies;
            return new Iso20022Codec().write(new Statement(header.messageId(), header.statementId(), header.account(), header.currency(),
                    header.date(), header.openingBalance(), closing, out)).getBytes(StandardCharsets.UTF_8);
        }
    }

    record EcnyFile(List<EcnyBill.Line> details, EcnyBill.Totals totals) implements AmplifiedStatement {

        static EcnyFile read(byte[] file) {
            List<EcnyBill.Line> lines = new ArrayList<>();
            try (EcnyBillReader r = EcnyBillReader.open(new ByteArrayInputStream(file))) {
                for (EcnyBill.Line l; (l = r.next()) != null; ) {
                    lines.add(l);
                }
                return new EcnyFile(lines, r.totals());
            }
        }

        @Override
        public Set<String> references() {
            return AmplifiedStatement.references(details, EcnyBill.Line::outTradeNo, EcnyBill.Line::originalOutTradeNo);
        }

        @Override
        public Set<String> channelReferences() {
            return details.stream().map(EcnyBill.Line::orderNo).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        @Override
        public byte[] amplified(int copies, FreshReferences fresh) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EcnyBill.Totals written;
            try (EcnyBillWriter w = new EcnyBillWriter(out, totals.billDate())) {
                for (int n = 0; n < copies; n++) {
                    for (EcnyBill.Line l : details) {
                        w.write(new EcnyBill.Line(l.tradeTime(), l.merchantNo(), l.type(), fresh.of(l.orderNo(), n), fresh.of(l.outTradeNo(), n),
                                fresh.of(l.originalOutTradeNo(), n), l.amount(), l.fee(), l.currency(), l.status()));
                    }
                }
                written = w.finish();
            }
            assertThat(written).as("the e-CNY bill's totals").isEqualTo(new EcnyBill.Totals(totals.billDate(), totals.count() * copies,
                    totals.paymentTotal() * copies, totals.refundTotal() * copies, totals.feeTotal() * copies));
            return out.toByteArray();
        }
    }

    record WalletFile(List<WalletBill.Line> details, WalletBill.Summary summary) implements AmplifiedStatement {

        static WalletFile read(byte[] file) {
            List<WalletBill.Line> lines = new ArrayList<>();
            try (WalletBillReader r = WalletBillReader.open(new ByteArrayInputStream(file))) {
                for (WalletBill.Line l; (l = r.next()) != null; ) {
                    lines.add(l);
                }
                return new WalletFile(lines, r.summary());
            }
        }

        @Override
        public Set<String> references() {
            return AmplifiedStatement.references(details, WalletBill.Line::outTradeNo, WalletBill.Line::outRefundNo);
        }

        @Override
        public Set<String> channelReferences() {
            return details.stream().map(WalletBill.Line::tradeNo).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        @Override
        public byte[] amplified(int copies, FreshReferences fresh) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            WalletBill.Summary written;
            try (WalletBillWriter w = new WalletBillWriter(out)) {
                for (int n = 0; n < copies; n++) {
                    for (WalletBill.Line l : details) {
                        w.write(new WalletBill.Line(l.tradeTime(), l.appId(), fresh.of(l.tradeNo(), n), fresh.of(l.outTradeNo(), n),
                                fresh.of(l.outRefundNo(), n), l.type(), l.status(), l.amount(), l.fee(), l.currency()));
                    }
                }
                written = w.finish();
            }
            assertThat(written).as("the wallet bill's summary").isEqualTo(new WalletBill.Summary(summary.count() * copies,
                    summary.totalAmount() * copies, summary.totalFee() * copies));
            return out.toByteArray();
        }
    }
}
