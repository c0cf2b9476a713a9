package io.huitong.protocols.iso20022;

import static io.huitong.protocols.iso20022.Iso20022Codec.accountId;
import static io.huitong.protocols.iso20022.Iso20022Codec.agent;
import static io.huitong.protocols.iso20022.Iso20022Codec.bankCode;
import static io.huitong.protocols.iso20022.Iso20022Codec.decimal;
import static io.huitong.protocols.iso20022.Iso20022Codec.historic;
import static io.huitong.protocols.iso20022.Iso20022Codec.minor;
import static io.huitong.protocols.iso20022.Iso20022Codec.now;
import static io.huitong.protocols.iso20022.Iso20022Codec.params;
import static io.huitong.protocols.iso20022.Iso20022Codec.require;
import static io.huitong.protocols.iso20022.Iso20022Codec.text;
import static io.huitong.protocols.iso20022.Iso20022Codec.withCodecLoader;

import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement9;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountAndDirection35;
import com.prowidesoftware.swift.model.mx.dic.BalanceType10Choice;
import com.prowidesoftware.swift.model.mx.dic.BalanceType13;
import com.prowidesoftware.swift.model.mx.dic.BankToCustomerStatementV08;
import com.prowidesoftware.swift.model.mx.dic.BatchInformation2;
import com.prowidesoftware.swift.model.mx.dic.CashAccount39;
import com.prowidesoftware.swift.model.mx.dic.CashBalance8;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.DateTimePeriod1;
import com.prowidesoftware.swift.model.mx.dic.EntryDetails9;
import com.prowidesoftware.swift.model.mx.dic.EntryStatus1Choice;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction10;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader81;
import com.prowidesoftware.swift.model.mx.dic.NumberAndSumOfTransactions4;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import com.prowidesoftware.swift.model.mx.dic.TotalTransactions6;
import com.prowidesoftware.swift.model.mx.dic.TransactionReferences6;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The camt.053 part of {@link Iso20022Codec}: a {@link Statement} written as one document and read back whole. An entry
 * of one transaction carries our reference as {@code NtryRef} and {@code TxDtls/Refs/EndToEndId}; a batch booked as one
 * entry carries {@code NtryDtls/Btch} (the pain.001's message and payment information ids, the number of transactions
 * and their total) and the batch's reference as {@code NtryRef}, then one {@code TxDtls} per transaction the bank lists.
 */
final class StatementCodec {

    /** A statement's period: its business day in China Standard Time, where the bank keeps its days. */
    private static final ZoneOffset BUSINESS_OFFSET = ZoneOffset.ofHours(8);

    private StatementCodec() {
    }

    static String write(Statement s) {
        CashAccount39 account = new CashAccount39().setId(accountId(s.account().number())).setCcy(s.currency()).setNm(s.account().name());
        if (s.account().bankCode() != null) {
            account.setSvcr(agent(s.account()));
        }
        long sum = 0;
        long net = 0;
        for (Statement.Entry e : s.entries()) {
            sum = Math.addExact(sum, e.amount());
            net = Math.addExact(net, e.signedAmount());
        }
        AccountStatement9 statement = new AccountStatement9().setId(s.statementId()).setCreDtTm(now())
                .setFrToDt(new DateTimePeriod1().setFrDtTm(s.date().atStartOfDay().atOffset(BUSINESS_OFFSET))
                        .setToDtTm(s.date().plusDays(1).atStartOfDay().atOffset(BUSINESS_OFFSET).minusSeconds(1)))
                .setAcct(account)
                .addBal(balance("OPBD", s.openingBalance(), s.currency(), s.date()))
                .addBal(balance("CLBD", s.closingBalance(), s.currency(), s.date()))
                .setTxsSummry(new TotalTransactions6().setTtlNtries(new NumberAndSumOfTransactions4()
                        .setNbOfNtries(Integer.toString(s.entries().size())).setSum(decimal(sum, s.currency()))
                        .setTtlNetNtry(new AmountAndDirection35().setAmt(decimal(Math.abs(net), s.currency()))
                                .setCdtDbtInd(net < 0 ? CreditDebitCode.DBIT : CreditDebitCode.CRDT))));
        for (Statement.Entry e : s.entries()) {
            CreditDebitCode direction = e.credit() ? CreditDebitCode.CRDT : CreditDebitCode.DBIT;
            statement.addNtry(new ReportEntry10().setNtryRef(e.reference()).setAmt(historic(e.amount(), e.currency())).setCdtDbtInd(direction)
                    .setRvslInd(e.reversal() ? Boolean.TRUE : null)
                    .setSts(new EntryStatus1Choice().setCd("BOOK")).setBookgDt(new DateAndDateTime2Choice().setDt(e.bookingDate()))
                    .setAddtlNtryInf(e.kind())
                    .addNtryDtls(e.batch() == null ? new EntryDetails9().addTxDtls(new EntryTransaction10()
                            .setRefs(new TransactionReferences6().setEndToEndId(e.reference()))
                            .setAmt(historic(e.amount(), e.currency())).setCdtDbtInd(direction)) : batchDetails(e, direction)));
        }
        return withCodecLoader(() -> new MxCamt05300108().setBkToCstmrStmt(new BankToCustomerStatementV08()
                .setGrpHdr(new GroupHeader81().setMsgId(s.messageId()).setCreDtTm(now())).addStmt(statement)).document(params()));
    }

    /** A batch entry's details: {@code Btch} with the batch's ids, count and total, then each transaction the bank lists. */
    private static EntryDetails9 batchDetails(Statement.Entry e, CreditDebitCode direction) {
        Statement.Batch b = e.batch();
        EntryDetails9 details = new EntryDetails9().setBtch(new BatchInformation2().setMsgId(b.messageId())
                .setPmtInfId(b.paymentInformationId()).setNbOfTxs(b.transactions() < 0 ? null : Integer.toString(b.transactions()))
                .setTtlAmt(historic(e.amount(), e.currency())).setCdtDbtInd(direction));
        for (Statement.Transaction t : b.details()) {
            details.addTxDtls(new EntryTransaction10().setRefs(new TransactionReferences6().setMsgId(b.messageId())
                    .setPmtInfId(b.paymentInformationId()).setEndToEndId(t.reference())).setAmt(historic(t.amount(), e.currency()))
                    .setCdtDbtInd(direction));
        }
        return details;
    }

    static Statement read(Iso20022Codec codec, String xml) {
        BankToCustomerStatementV08 doc = codec.read(xml, Iso20022Codec.CAMT_053, MxCamt05300108::parse, MxCamt05300108::getBkToCstmrStmt);
        if (doc.getStmt().size() != 1) {
            throw new Iso20022FormatException(Iso20022Codec.CAMT_053 + " must carry exactly one statement");
        }
        AccountStatement9 st = doc.getStmt().getFirst();
        CashAccount39 account = require(st.getAcct(), "Acct");
        String number = text(require(require(account.getId(), "Acct/Id").getOthr(), "Acct/Id/Othr").getId(), "Acct/Id/Othr/Id");
        String bankCode = account.getSvcr() == null ? null : bankCode(account.getSvcr());
        Long opening = null;
        Long closing = null;
        LocalDate date = null;
        for (CashBalance8 b : st.getBal()) {
            String type = b.getTp() == null || b.getTp().getCdOrPrtry() == null ? null : b.getTp().getCdOrPrtry().getCd();
            ActiveOrHistoricCurrencyAndAmount amt = require(b.getAmt(), "Bal/Amt");
            long value = minor(amt.getValue(), amt.getCcy()) * (b.getCdtDbtInd() == CreditDebitCode.DBIT ? -1 : 1);
            if ("OPBD".equals(type)) {
                opening = value;
            } else if ("CLBD".equals(type)) {
                closing = value;
                date = b.getDt() == null ? null : b.getDt().getDt();
            }
        }
        if (opening == null || closing == null) {
            throw new Iso20022FormatException(Iso20022Codec.CAMT_053 + " must carry an opening (OPBD) and a closing (CLBD) balance");
        }
        if (date == null && st.getFrToDt() != null && st.getFrToDt().getFrDtTm() != null) {
            date = st.getFrToDt().getFrDtTm().atZoneSameInstant(BUSINESS_OFFSET).toLocalDate();
        }
        List<Statement.Entry> entries = new ArrayList<>();
        for (ReportEntry10 n : st.getNtry()) {
            ActiveOrHistoricCurrencyAndAmount amt = require(n.getAmt(), "Ntry/Amt");
            Statement.Batch batch = batch(n);
            String reference = batch != null && batch.reference() != null ? batch.reference() : n.getNtryRef();
            if (batch == null && !n.getNtryDtls().isEmpty() && !n.getNtryDtls().getFirst().getTxDtls().isEmpty()
                    && n.getNtryDtls().getFirst().getTxDtls().getFirst().getRefs() != null
                    && n.getNtryDtls().getFirst().getTxDtls().getFirst().getRefs().getEndToEndId() != null) {
                reference = n.getNtryDtls().getFirst().getTxDtls().getFirst().getRefs().getEndToEndId();
            }
            entries.add(new Statement.Entry(text(reference, "Ntry/EndToEndId"), minor(amt.getValue(), amt.getCcy()), amt.getCcy(),
                    require(n.getCdtDbtInd(), "CdtDbtInd") == CreditDebitCode.CRDT,
                    n.getBookgDt() == null ? null : n.getBookgDt().getDt(), n.getAddtlNtryInf(), Boolean.TRUE.equals(n.isRvslInd()), batch));
        }
        return new Statement(text(require(doc.getGrpHdr(), "GrpHdr").getMsgId(), "MsgId"), st.getId(),
                new BankAccount(bankCode, number, account.getNm()), account.getCcy(), date, opening, closing, entries);
    }

    /**
     * An entry's batch: its {@code Btch}, or more than one {@code TxDtls} without it (a batch the bank names by its
     * {@code NtryRef} only); null for an entry of one transaction.
     */
    private static Statement.Batch batch(ReportEntry10 n) {
        BatchInformation2 btch = null;
        int transactions = 0;
        List<Statement.Transaction> details = new ArrayList<>();
        for (EntryDetails9 d : n.getNtryDtls()) {
            btch = btch == null ? d.getBtch() : btch;
            for (EntryTransaction10 tx : d.getTxDtls()) {
                transactions++;
                String reference = tx.getRefs() == null ? null : tx.getRefs().getEndToEndId();
                if (reference != null && tx.getAmt() != null) {
                    details.add(new Statement.Transaction(reference, minor(tx.getAmt().getValue(), tx.getAmt().getCcy())));
                }
            }
        }
        if (btch == null && transactions < 2) {
            return null;
        }
        int count = -1;
        if (btch != null && btch.getNbOfTxs() != null) {
            try {
                count = Integer.parseInt(btch.getNbOfTxs().strip());
            } catch (NumberFormatException e) {
                throw new Iso20022FormatException("Btch/NbOfTxs must be a number of transactions");
            }
        }
        return new Statement.Batch(btch == null ? null : btch.getMsgId(), btch == null ? null : btch.getPmtInfId(), count, details);
    }

    private static CashBalance8 balance(String type, long amount, String currency, LocalDate date) {
        return new CashBalance8().setTp(new BalanceType13().setCdOrPrtry(new BalanceType10Choice().setCd(type)))
                .setAmt(historic(Math.abs(amount), currency)).setCdtDbtInd(amount < 0 ? CreditDebitCode.DBIT : CreditDebitCode.CRDT)
                .setDt(new DateAndDateTime2Choice().setDt(date));
    }
}
