package io.huitong.protocols.iso20022;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import com.prowidesoftware.swift.model.mx.MxCamt02900109;
import com.prowidesoftware.swift.model.mx.MxCamt05600108;
import com.prowidesoftware.swift.model.mx.MxPacs00200110;
import com.prowidesoftware.swift.model.mx.MxPacs00400109;
import com.prowidesoftware.swift.model.mx.MxPacs00800108;
import com.prowidesoftware.swift.model.mx.MxPacs02800103;
import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.MxPain00200110;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType4Choice;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CancellationIndividualStatus1Code;
import com.prowidesoftware.swift.model.mx.dic.CancellationReason33Choice;
import com.prowidesoftware.swift.model.mx.dic.CancellationStatusReason3Choice;
import com.prowidesoftware.swift.model.mx.dic.CancellationStatusReason4;
import com.prowidesoftware.swift.model.mx.dic.Case5;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction39;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.CustomerPaymentStatusReportV10;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.FIToFICustomerCreditTransferV08;
import com.prowidesoftware.swift.model.mx.dic.FIToFIPaymentCancellationRequestV08;
import com.prowidesoftware.swift.model.mx.dic.FIToFIPaymentStatusReportV10;
import com.prowidesoftware.swift.model.mx.dic.FIToFIPaymentStatusRequestV03;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.ClearingSystemMemberIdentification2;
import com.prowidesoftware.swift.model.mx.dic.GenericAccountIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader86;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader90;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader91;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader93;
import com.prowidesoftware.swift.model.mx.dic.InvestigationStatus5Choice;
import com.prowidesoftware.swift.model.mx.dic.OriginalGroupHeader17;
import com.prowidesoftware.swift.model.mx.dic.OriginalPaymentInstruction32;
import com.prowidesoftware.swift.model.mx.dic.OriginalTransactionReference28;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentCancellationReason5;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification7;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.PaymentReturnReason6;
import com.prowidesoftware.swift.model.mx.dic.PaymentReturnV09;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction102;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction105;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction106;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction110;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction112;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction113;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import com.prowidesoftware.swift.model.mx.dic.ResolutionOfInvestigationV09;
import com.prowidesoftware.swift.model.mx.dic.ReturnReason5Choice;
import com.prowidesoftware.swift.model.mx.dic.SettlementInstruction7;
import com.prowidesoftware.swift.model.mx.dic.SettlementMethod1Code;
import com.prowidesoftware.swift.model.mx.dic.StatusReason6Choice;
import com.prowidesoftware.swift.model.mx.dic.StatusReasonInformation12;
import com.prowidesoftware.swift.model.mx.dic.UnderlyingTransaction22;
import com.prowidesoftware.swift.model.mx.dic.UnderlyingTransaction23;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Writes and reads the messages of the bank interface ({@link io.huitong.protocols.iso20022 the package
 * documentation}) over Prowide's ISO 20022 model. Writing gives the {@code Document} alone (no business
 * application header); reading accepts exactly the message version named and throws
 * {@link Iso20022FormatException} for anything else, with a sentence that names no account. Thread-safe.
 */
public final class Iso20022Codec {

    static {
        // Prowide builds a new JAXB context for every message read or written unless a cache is set: that is tens of
        // milliseconds of CPU per payout or status report. Contexts are thread-safe and depend only on the message class.
        com.prowidesoftware.swift.model.mx.JaxbContextLoader loader = com.prowidesoftware.swift.model.mx.JaxbContextLoader.INSTANCE;
        if (loader.getCacheImpl() == null) {
            loader.setCacheImpl(new com.prowidesoftware.swift.model.mx.JaxbContextCacheImpl());
        }
    }

    public static final String PACS_008 = "pacs.008.001.08";
    public static final String PACS_002 = "pacs.002.001.10";
    public static final String PACS_028 = "pacs.028.001.03";
    public static final String PACS_004 = "pacs.004.001.09";
    public static final String CAMT_056 = "camt.056.001.08";
    public static final String CAMT_029 = "camt.029.001.09";
    public static final String PAIN_001 = "pain.001.001.09";
    public static final String PAIN_002 = "pain.002.001.10";
    public static final String CAMT_053 = "camt.053.001.08";

    private static final Pattern ISO_CODE = Pattern.compile("[A-Z0-9]{4}");
    private static final int MAX_LENGTH = 1_000_000;

    // ---- pacs.008 ----

    public String write(CreditTransfer t) {
        GroupHeader93 header = new GroupHeader93().setMsgId(t.messageId()).setCreDtTm(now()).setNbOfTxs("1")
                .setSttlmInf(new SettlementInstruction7().setSttlmMtd(SettlementMethod1Code.CLRG));
        CreditTransferTransaction39 tx = new CreditTransferTransaction39()
                .setPmtId(new PaymentIdentification7().setInstrId(t.instructionId()).setEndToEndId(t.reference()).setTxId(t.reference())
                        .setUETR(t.uetr()))
                .setIntrBkSttlmAmt(new ActiveCurrencyAndAmount().setValue(decimal(t.amount(), t.currency())).setCcy(t.currency()))
                .setIntrBkSttlmDt(t.settlementDate())
                .setDbtr(party(t.debtor())).setDbtrAcct(account(t.debtor())).setDbtrAgt(agent(t.debtor()))
                .setCdtrAgt(agent(t.creditor())).setCdtr(party(t.creditor())).setCdtrAcct(account(t.creditor()));
        tx.setChrgBr(com.prowidesoftware.swift.model.mx.dic.ChargeBearerType1Code.SLEV);
        if (t.remittance() != null) {
            tx.setRmtInf(new RemittanceInformation16().addUstrd(t.remittance()));
        }
        return withCodecLoader(() -> new MxPacs00800108().setFIToFICstmrCdtTrf(new FIToFICustomerCreditTransferV08().setGrpHdr(header).addCdtTrfTxInf(tx))
                .document(params()));
    }

    public CreditTransfer readCreditTransfer(String xml) {
        FIToFICustomerCreditTransferV08 doc = read(xml, PACS_008, MxPacs00800108::parse, MxPacs00800108::getFIToFICstmrCdtTrf);
        if (doc.getCdtTrfTxInf().size() != 1) {
            throw new Iso20022FormatException(PACS_008 + " must carry exactly one transaction, not " + doc.getCdtTrfTxInf().size());
        }
        CreditTransferTransaction39 tx = doc.getCdtTrfTxInf().getFirst();
        PaymentIdentification7 id = require(tx.getPmtId(), "PmtId");
        ActiveCurrencyAndAmount amount = require(tx.getIntrBkSttlmAmt(), "IntrBkSttlmAmt");
        String remittance = tx.getRmtInf() == null || tx.getRmtInf().getUstrd().isEmpty() ? null : tx.getRmtInf().getUstrd().getFirst();
        return new CreditTransfer(text(require(doc.getGrpHdr(), "GrpHdr").getMsgId(), "MsgId"), text(id.getEndToEndId(), "EndToEndId"),
                id.getInstrId(), id.getUETR(), minor(amount.getValue(), amount.getCcy()), amount.getCcy(),
                bankAccount(tx.getDbtr(), tx.getDbtrAcct(), tx.getDbtrAgt(), "Dbtr"),
                bankAccount(tx.getCdtr(), tx.getCdtrAcct(), tx.getCdtrAgt(), "Cdtr"), tx.getIntrBkSttlmDt(), remittance);
    }

    // ---- pacs.002 ----

    public String write(StatusReport r) {
        FIToFIPaymentStatusReportV10 doc = new FIToFIPaymentStatusReportV10()
                .setGrpHdr(new GroupHeader91().setMsgId(r.messageId()).setCreDtTm(now()))
                .addOrgnlGrpInfAndSts(new OriginalGroupHeader17().setOrgnlMsgId(r.originalMessageId()).setOrgnlMsgNmId(r.originalMessageName()));
        for (TransactionStatus s : r.transactions()) {
            PaymentTransaction110 tx = new PaymentTransaction110().setOrgnlEndToEndId(s.reference()).setOrgnlTxId(s.reference())
                    .setTxSts(s.status());
            if (s.reason() != null) {
                tx.addStsRsnInf(new StatusReasonInformation12().setRsn(statusReason(s.reason())));
            }
            if (s.amount() != null) {
                tx.setOrgnlTxRef(new OriginalTransactionReference28().setIntrBkSttlmAmt(historic(s.amount(), s.currency())));
            }
            doc.addTxInfAndSts(tx);
        }
        return withCodecLoader(() -> new MxPacs00200110().setFIToFIPmtStsRpt(doc).document(params()));
    }

    public StatusReport readStatusReport(String xml) {
        FIToFIPaymentStatusReportV10 doc = read(xml, PACS_002, MxPacs00200110::parse, MxPacs00200110::getFIToFIPmtStsRpt);
        OriginalGroupHeader17 original = doc.getOrgnlGrpInfAndSts().isEmpty() ? null : doc.getOrgnlGrpInfAndSts().getFirst();
        List<TransactionStatus> statuses = new ArrayList<>();
        for (PaymentTransaction110 tx : doc.getTxInfAndSts()) {
            String reason = tx.getStsRsnInf().isEmpty() ? null : reason(tx.getStsRsnInf().getFirst().getRsn());
            statuses.add(status(tx.getOrgnlEndToEndId(), tx.getTxSts(), reason, tx.getOrgnlTxRef()));
        }
        return new StatusReport(text(require(doc.getGrpHdr(), "GrpHdr").getMsgId(), "MsgId"),
                original == null ? null : original.getOrgnlMsgId(), original == null ? null : original.getOrgnlMsgNmId(), statuses);
    }

    // ---- pacs.028 ----

    public String write(StatusRequest r) {
        return withCodecLoader(() -> new MxPacs02800103().setFIToFIPmtStsReq(new FIToFIPaymentStatusRequestV03()
                .setGrpHdr(new GroupHeader91().setMsgId(r.messageId()).setCreDtTm(now()))
                .addTxInf(new PaymentTransaction113().setStsReqId(r.messageId()).setOrgnlEndToEndId(r.reference()).setOrgnlTxId(r.reference())))
                .document(params()));
    }

    public StatusRequest readStatusRequest(String xml) {
        FIToFIPaymentStatusRequestV03 doc = read(xml, PACS_028, MxPacs02800103::parse, MxPacs02800103::getFIToFIPmtStsReq);
        if (doc.getTxInf().size() != 1) {
            throw new Iso20022FormatException(PACS_028 + " must ask about exactly one transaction");
        }
        return new StatusRequest(text(require(doc.getGrpHdr(), "GrpHdr").getMsgId(), "MsgId"),
                text(doc.getTxInf().getFirst().getOrgnlEndToEndId(), "OrgnlEndToEndId"));
    }

    // ---- pacs.004 ----

    public String write(PaymentReturn r) {
        PaymentTransaction112 tx = new PaymentTransaction112().setRtrId(r.returnId()).setOrgnlEndToEndId(r.originalReference())
                .setOrgnlTxId(r.originalReference())
                .setRtrdIntrBkSttlmAmt(new ActiveCurrencyAndAmount().setValue(decimal(r.amount(), r.currency())).setCcy(r.currency()))
                .setIntrBkSttlmDt(LocalDate.now(ZoneOffset.UTC));
        if (r.reason() != null) {
            tx.addRtrRsnInf(new PaymentReturnReason6().setRsn(new ReturnReason5Choice().setCd(r.reason())));
        }
        return withCodecLoader(() -> new MxPacs00400109().setPmtRtr(new PaymentReturnV09()
                .setGrpHdr(new GroupHeader90().setMsgId(r.messageId()).setCreDtTm(now()).setNbOfTxs("1")
                        .setSttlmInf(new SettlementInstruction7().setSttlmMtd(SettlementMethod1Code.CLRG)))
                .addTxInf(tx)).document(params()));
    }

    public PaymentReturn readPaymentReturn(String xml) {
        PaymentReturnV09 doc = read(xml, PACS_004, MxPacs00400109::parse, MxPacs00400109::getPmtRtr);
        if (doc.getTxInf().size() != 1) {
            throw new Iso20022FormatException(PACS_004 + " must carry exactly one return");
        }
        PaymentTransaction112 tx = doc.getTxInf().getFirst();
        ActiveCurrencyAndAmount amount = require(tx.getRtrdIntrBkSttlmAmt(), "RtrdIntrBkSttlmAmt");
        String reason = tx.getRtrRsnInf().isEmpty() || tx.getRtrRsnInf().getFirst().getRsn() == null ? null
                : tx.getRtrRsnInf().getFirst().getRsn().getCd();
        return new PaymentReturn(text(require(doc.getGrpHdr(), "GrpHdr").getMsgId(), "MsgId"), text(tx.getRtrId(), "RtrId"),
                text(tx.getOrgnlEndToEndId(), "OrgnlEndToEndId"), minor(amount.getValue(), amount.getCcy()), amount.getCcy(), reason);
    }

    // ---- camt.056 / camt.029 ----

    public String write(CancellationRequest r) {
        PaymentTransaction106 tx = new PaymentTransaction106().setCxlId(r.caseId()).setOrgnlEndToEndId(r.reference())
                .setOrgnlTxId(r.reference());
        if (r.reason() != null) {
            tx.addCxlRsnInf(new PaymentCancellationReason5().setRsn(new CancellationReason33Choice().setCd(r.reason())));
        }
        return withCodecLoader(() -> new MxCamt05600108().setFIToFIPmtCxlReq(new FIToFIPaymentCancellationRequestV08()
                .setAssgnmt(new com.prowidesoftware.swift.model.mx.dic.CaseAssignment5().setId(r.caseId()).setCreDtTm(now()))
                .setCase(new Case5().setId(r.caseId()))
                .addUndrlyg(new UnderlyingTransaction23().addTxInf(tx))).document(params()));
    }

    public CancellationRequest readCancellationRequest(String xml) {
        FIToFIPaymentCancellationRequestV08 doc = read(xml, CAMT_056, MxCamt05600108::parse, MxCamt05600108::getFIToFIPmtCxlReq);
        if (doc.getUndrlyg().size() != 1 || doc.getUndrlyg().getFirst().getTxInf().size() != 1) {
            throw new Iso20022FormatException(CAMT_056 + " must ask to cancel exactly one transaction");
        }
        PaymentTransaction106 tx = doc.getUndrlyg().getFirst().getTxInf().getFirst();
        String reason = tx.getCxlRsnInf().isEmpty() || tx.getCxlRsnInf().getFirst().getRsn() == null ? null
                : tx.getCxlRsnInf().getFirst().getRsn().getCd();
        String caseId = doc.getCase() != null ? doc.getCase().getId() : tx.getCxlId();
        return new CancellationRequest(text(caseId, "Case/Id"), text(tx.getOrgnlEndToEndId(), "OrgnlEndToEndId"), reason);
    }

    public String write(CancellationResolution r) {
        PaymentTransaction102 tx = new PaymentTransaction102().setCxlStsId(r.caseId()).setOrgnlEndToEndId(r.reference())
                .setOrgnlTxId(r.reference())
                .setTxCxlSts(r.cancelled() ? CancellationIndividualStatus1Code.ACCR : CancellationIndividualStatus1Code.RJCR);
        if (r.reason() != null) {
            tx.addCxlStsRsnInf(new CancellationStatusReason4().setRsn(new CancellationStatusReason3Choice().setCd(r.reason())));
        }
        return withCodecLoader(() -> new MxCamt02900109().setRsltnOfInvstgtn(new ResolutionOfInvestigationV09()
                .setAssgnmt(new com.prowidesoftware.swift.model.mx.dic.CaseAssignment5().setId(r.caseId()).setCreDtTm(now()))
                .setRslvdCase(new Case5().setId(r.caseId()))
                .setSts(new InvestigationStatus5Choice().setConf(r.status()))
                .addCxlDtls(new UnderlyingTransaction22().addTxInfAndSts(tx))).document(params()));
    }

    public CancellationResolution readCancellationResolution(String xml) {
        ResolutionOfInvestigationV09 doc = read(xml, CAMT_029, MxCamt02900109::parse, MxCamt02900109::getRsltnOfInvstgtn);
        String status = text(require(doc.getSts(), "Sts").getConf(), "Sts/Conf");
        if (doc.getCxlDtls().isEmpty() || doc.getCxlDtls().getFirst().getTxInfAndSts().size() != 1) {
            throw new Iso20022FormatException(CAMT_029 + " must resolve exactly one transaction");
        }
        PaymentTransaction102 tx = doc.getCxlDtls().getFirst().getTxInfAndSts().getFirst();
        String reason = tx.getCxlStsRsnInf().isEmpty() || tx.getCxlStsRsnInf().getFirst().getRsn() == null ? null
                : tx.getCxlStsRsnInf().getFirst().getRsn().getCd();
        return new CancellationResolution(doc.getRslvdCase() == null ? null : doc.getRslvdCase().getId(),
                text(tx.getOrgnlEndToEndId(), "OrgnlEndToEndId"), status, reason);
    }

    // ---- pain.001 / pain.002 ----

    public String write(PayoutBatch b) {
        long sum = 0;
        PaymentInstruction30 info = new PaymentInstruction30().setPmtInfId(b.messageId()).setPmtMtd(PaymentMethod3Code.TRF)
                .setNbOfTxs(String.valueOf(b.payouts().size())).setBtchBookg(b.batchBooking())
                .setReqdExctnDt(new DateAndDateTime2Choice().setDt(b.executionDate()))
                .setDbtr(party(b.debtor())).setDbtrAcct(account(b.debtor())).setDbtrAgt(agent(b.debtor()));
        BigDecimal control = BigDecimal.ZERO;
        for (PayoutBatch.Payout p : b.payouts()) {
            CreditTransferTransaction34 tx = new CreditTransferTransaction34()
                    .setPmtId(new PaymentIdentification6().setInstrId(p.reference()).setEndToEndId(p.reference()))
                    .setAmt(new AmountType4Choice().setInstdAmt(historic(p.amount(), p.currency())))
                    .setCdtrAgt(agent(p.creditor())).setCdtr(party(p.creditor())).setCdtrAcct(account(p.creditor()));
            if (p.remittance() != null) {
                tx.setRmtInf(new RemittanceInformation16().addUstrd(p.remittance()));
            }
            info.addCdtTrfTxInf(tx);
            control = control.add(decimal(p.amount(), p.currency()));
        }
        info.setCtrlSum(control);
        java.math.BigDecimal controlSum = control;
        return withCodecLoader(() -> new MxPain00100109().setCstmrCdtTrfInitn(new CustomerCreditTransferInitiationV09()
                .setGrpHdr(new GroupHeader85().setMsgId(b.messageId()).setCreDtTm(now()).setNbOfTxs(String.valueOf(b.payouts().size()))
                        .setCtrlSum(controlSum).setInitgPty(party(b.debtor())))
                .addPmtInf(info)).document(params()));
    }

    public PayoutBatch readPayoutBatch(String xml) {
        CustomerCreditTransferInitiationV09 doc = read(xml, PAIN_001, MxPain00100109::parse, MxPain00100109::getCstmrCdtTrfInitn);
        if (doc.getPmtInf().size() != 1) {
            throw new Iso20022FormatException(PAIN_001 + " must carry exactly one payment information block");
        }
        PaymentInstruction30 info = doc.getPmtInf().getFirst();
        List<PayoutBatch.Payout> payouts = new ArrayList<>();
        for (CreditTransferTransaction34 tx : info.getCdtTrfTxInf()) {
            ActiveOrHistoricCurrencyAndAmount amount = require(require(tx.getAmt(), "Amt").getInstdAmt(), "InstdAmt");
            String remittance = tx.getRmtInf() == null || tx.getRmtInf().getUstrd().isEmpty() ? null : tx.getRmtInf().getUstrd().getFirst();
            payouts.add(new PayoutBatch.Payout(text(require(tx.getPmtId(), "PmtId").getEndToEndId(), "EndToEndId"),
                    minor(amount.getValue(), amount.getCcy()), amount.getCcy(),
                    bankAccount(tx.getCdtr(), tx.getCdtrAcct(), tx.getCdtrAgt(), "Cdtr"), remittance));
        }
        if (payouts.isEmpty()) {
            throw new Iso20022FormatException(PAIN_001 + " carries no transaction");
        }
        LocalDate date = info.getReqdExctnDt() == null ? null : info.getReqdExctnDt().getDt();
        return new PayoutBatch(text(require(doc.getGrpHdr(), "GrpHdr").getMsgId(), "MsgId"),
                bankAccount(info.getDbtr(), info.getDbtrAcct(), info.getDbtrAgt(), "Dbtr"), date, payouts, info.isBtchBookg());
    }

    public String write(PayoutReport r) {
        OriginalPaymentInstruction32 info = new OriginalPaymentInstruction32().setOrgnlPmtInfId(r.originalMessageId());
        for (TransactionStatus s : r.transactions()) {
            PaymentTransaction105 tx = new PaymentTransaction105().setOrgnlInstrId(s.reference()).setOrgnlEndToEndId(s.reference())
                    .setTxSts(s.status());
            if (s.reason() != null) {
                tx.addStsRsnInf(new StatusReasonInformation12().setRsn(statusReason(s.reason())));
            }
            if (s.amount() != null) {
                tx.setOrgnlTxRef(new OriginalTransactionReference28().setAmt(new AmountType4Choice().setInstdAmt(historic(s.amount(), s.currency()))));
            }
            info.addTxInfAndSts(tx);
        }
        return withCodecLoader(() -> new MxPain00200110().setCstmrPmtStsRpt(new CustomerPaymentStatusReportV10()
                .setGrpHdr(new GroupHeader86().setMsgId(r.messageId()).setCreDtTm(now()))
                .setOrgnlGrpInfAndSts(new OriginalGroupHeader17().setOrgnlMsgId(r.originalMessageId()).setOrgnlMsgNmId(PAIN_001)
                        .setOrgnlNbOfTxs(String.valueOf(r.transactions().size())).setGrpSts(r.groupStatus()))
                .addOrgnlPmtInfAndSts(info)).document(params()));
    }

    public PayoutReport readPayoutReport(String xml) {
        CustomerPaymentStatusReportV10 doc = read(xml, PAIN_002, MxPain00200110::parse, MxPain00200110::getCstmrPmtStsRpt);
        OriginalGroupHeader17 group = require(doc.getOrgnlGrpInfAndSts(), "OrgnlGrpInfAndSts");
        List<TransactionStatus> statuses = new ArrayList<>();
        for (OriginalPaymentInstruction32 info : doc.getOrgnlPmtInfAndSts()) {
            for (PaymentTransaction105 tx : info.getTxInfAndSts()) {
                String reason = tx.getStsRsnInf().isEmpty() ? null : reason(tx.getStsRsnInf().getFirst().getRsn());
                OriginalTransactionReference28 ref = tx.getOrgnlTxRef();
                ActiveOrHistoricCurrencyAndAmount amount = ref == null || ref.getAmt() == null ? null : ref.getAmt().getInstdAmt();
                statuses.add(new TransactionStatus(text(tx.getOrgnlEndToEndId(), "OrgnlEndToEndId"), text(tx.getTxSts(), "TxSts"), reason,
                        amount == null ? null : minor(amount.getValue(), amount.getCcy()), amount == null ? null : amount.getCcy()));
            }
        }
        return new PayoutReport(text(require(doc.getGrpHdr(), "GrpHdr").getMsgId(), "MsgId"), group.getOrgnlMsgId(), group.getGrpSts(),
                statuses);
    }

    // ---- camt.053 (StatementCodec) ----

    public String write(Statement s) {
        return StatementCodec.write(s);
    }

    public Statement readStatement(String xml) {
        return StatementCodec.read(this, xml);
    }

    // ---- shared pieces ----

    /** The message's name ({@code pacs.002.001.10}) as its namespace says, or an exception for what is not ISO 20022. */
    public String messageName(String xml) {
        check(xml);
        java.util.regex.Matcher m = Pattern.compile("urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\\.[0-9]{3}\\.[0-9]{3}\\.[0-9]{2})").matcher(xml);
        if (!m.find()) {
            throw new Iso20022FormatException("not an ISO 20022 document (no urn:iso:std:iso:20022 namespace)");
        }
        return m.group(1);
    }

    /**
     * Runs {@code work} with this library's class loader as the thread's context class loader: JAXB finds its
     * implementation through it, and threads started by a server (an HTTP handler, a scheduler) may carry
     * another one when the program runs from a packaged jar.
     */
    static <T> T withCodecLoader(java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Iso20022Codec.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    <M extends AbstractMX, D> D read(String xml, String name, Function<String, M> parse, Function<M, D> body) {
        String actual = messageName(xml);
        if (!actual.equals(name)) {
            throw new Iso20022FormatException("expected " + name + ", got " + actual);
        }
        M mx;
        try {
            mx = withCodecLoader(() -> parse.apply(xml));
        } catch (RuntimeException e) {
            throw new Iso20022FormatException(name + " could not be read: " + e.getClass().getSimpleName(), e);
        }
        D doc = mx == null ? null : body.apply(mx);
        if (doc == null) {
            throw new Iso20022FormatException(name + " could not be read: malformed XML or no message body");
        }
        return doc;
    }

    private static void check(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new Iso20022FormatException("empty message");
        }
        if (xml.length() > MAX_LENGTH) {
            throw new Iso20022FormatException("message longer than " + MAX_LENGTH + " characters");
        }
        if (xml.contains("<!DOCTYPE") || xml.contains("<!ENTITY")) {
            throw new Iso20022FormatException("document type declarations are not accepted");
        }
    }

    private static TransactionStatus status(String reference, String status, String reason, OriginalTransactionReference28 ref) {
        ActiveOrHistoricCurrencyAndAmount amount = ref == null ? null : ref.getIntrBkSttlmAmt();
        return new TransactionStatus(text(reference, "OrgnlEndToEndId"), text(status, "TxSts"), reason,
                amount == null ? null : minor(amount.getValue(), amount.getCcy()), amount == null ? null : amount.getCcy());
    }

    private static StatusReason6Choice statusReason(String reason) {
        return ISO_CODE.matcher(reason).matches() ? new StatusReason6Choice().setCd(reason) : new StatusReason6Choice().setPrtry(reason);
    }

    private static String reason(StatusReason6Choice rsn) {
        return rsn == null ? null : rsn.getCd() != null ? rsn.getCd() : rsn.getPrtry();
    }

    private static PartyIdentification135 party(BankAccount a) {
        return new PartyIdentification135().setNm(a.name());
    }

    private static CashAccount38 account(BankAccount a) {
        return new CashAccount38().setId(accountId(a.number()));
    }

    static AccountIdentification4Choice accountId(String number) {
        return new AccountIdentification4Choice().setOthr(new GenericAccountIdentification1().setId(number));
    }

    static BranchAndFinancialInstitutionIdentification6 agent(BankAccount a) {
        FinancialInstitutionIdentification18 id = new FinancialInstitutionIdentification18();
        if (a.bankCode() != null) {
            id.setClrSysMmbId(new ClearingSystemMemberIdentification2().setMmbId(a.bankCode()));
        }
        return new BranchAndFinancialInstitutionIdentification6().setFinInstnId(id);
    }

    static String bankCode(BranchAndFinancialInstitutionIdentification6 agent) {
        return agent == null || agent.getFinInstnId() == null || agent.getFinInstnId().getClrSysMmbId() == null ? null
                : agent.getFinInstnId().getClrSysMmbId().getMmbId();
    }

    private static BankAccount bankAccount(PartyIdentification135 party, CashAccount38 account, BranchAndFinancialInstitutionIdentification6 agent,
                                           String role) {
        CashAccount38 acct = require(account, role + "Acct");
        AccountIdentification4Choice id = require(acct.getId(), role + "Acct/Id");
        String number = id.getOthr() != null ? id.getOthr().getId() : id.getIBAN();
        return new BankAccount(bankCode(agent), text(number, role + "Acct/Id"), party == null ? null : party.getNm());
    }

    static ActiveOrHistoricCurrencyAndAmount historic(long amount, String currency) {
        return new ActiveOrHistoricCurrencyAndAmount().setValue(decimal(amount, currency)).setCcy(currency);
    }

    /** Minor units as the decimal amount ISO 20022 carries: 1050 CNY is 10.50. */
    public static BigDecimal decimal(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency));
    }

    /** A decimal amount in minor units; more decimals than the currency has is a format error, not a rounding. */
    public static long minor(BigDecimal value, String currency) {
        if (value == null) {
            throw new Iso20022FormatException("an amount is missing");
        }
        try {
            return value.movePointRight(digits(currency)).longValueExact();
        } catch (ArithmeticException e) {
            throw new Iso20022FormatException("the amount " + value.toPlainString() + " has more decimals than " + currency + " allows");
        }
    }

    private static int digits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return Math.max(digits, 0);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Iso20022FormatException("unknown currency: " + currency);
        }
    }

    static <T> T require(T value, String element) {
        if (value == null) {
            throw new Iso20022FormatException("missing element " + element);
        }
        return value;
    }

    static String text(String value, String element) {
        if (value == null || value.isBlank()) {
            throw new Iso20022FormatException("missing element " + element);
        }
        return value;
    }

    /** Unprefixed elements in the message's namespace, with an XML declaration. */
    static com.prowidesoftware.swift.model.mx.MxWriteParams params() {
        com.prowidesoftware.swift.model.mx.MxWriteParams params = new com.prowidesoftware.swift.model.mx.MxWriteParams();
        params.prefix = null;
        params.includeXMLDeclaration = true;
        return params;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }
}
