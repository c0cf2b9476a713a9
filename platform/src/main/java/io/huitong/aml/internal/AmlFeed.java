package io.huitong.aml.internal;

import io.huitong.aml.AmlTransaction;
import io.huitong.aml.NewAmlTransaction;
import io.huitong.events.EventRecorded;
import io.huitong.events.EventTypes;
import io.huitong.payments.Payment;
import io.huitong.payments.Refund;
import io.huitong.wallets.WalletMovement;
import java.time.Instant;
import org.springframework.context.event.EventListener;

/**
 * Feeds AML from the platform's own records, synchronously and in the transaction of the movement (so a
 * movement and its AML record commit together or not at all; {@link AmlRecorder} writes a transaction's records
 * together before it commits):
 *
 * <ul>
 * <li>merchant payments, from {@code payment.succeeded}: paid by card, bank transfer or e-CNY, the customer is
 * the payer's card (by the fingerprint risk control knows it by, {@code card:<fingerprint>}) or account (an
 * individual) and the movement a debit from it to the merchant; paid from a
 * wallet ({@code qr}, {@code payment_code}), the wallet's line is the record and the event only names its
 * merchant; a wallet top-up's card payment is left to the wallet's line;</li>
 * <li>refunds, from {@code refund.succeeded}: a debit from the merchant (an organisation);</li>
 * <li>wallet movements, from each succeeded history line: transfers out (debits) and in (credits) between
 * consumers, top-ups (credits), withdrawals to a bank account once paid (debits), payments to merchants
 * (debits) and their refunds (credits); consumers are individuals.</li>
 * </ul>
 *
 * A payment in a currency other than CNY is taken as cross-border; nothing here is cash.
 */
final class AmlFeed {

    private final AmlService aml;
    private final AmlRecorder recorder;
    private final io.huitong.risk.Risk risk;

    AmlFeed(AmlService aml, io.huitong.risk.Risk risk) {
        this.aml = aml;
        this.recorder = new AmlRecorder(aml);
        this.risk = risk;
    }

    @EventListener
    void on(EventRecorded event) {
        if (EventTypes.PAYMENT_SUCCEEDED.equals(event.type()) && event.object() instanceof Payment p) {
            payment(event.merchantId(), p, event.createdAt());
        } else if (EventTypes.REFUND_SUCCEEDED.equals(event.type()) && event.object() instanceof Refund r) {
            record("refund:" + r.id(), "refund", event.merchantId(), AmlTransaction.ORGANISATION, AmlTransaction.DEBIT,
                    "payment:" + r.payment(), event.merchantId(), r.id(), r.amount(), r.currency(), event.createdAt());
        }
    }

    private void payment(String merchantId, Payment p, Instant at) {
        if (p.metadata() != null && p.metadata().containsKey("wallet_topup")) {
            return;
        }
        Payment.PaymentMethod method = p.paymentMethod();
        String type = method == null ? null : method.type();
        long amount = p.amountReceived() > 0 ? p.amountReceived() : p.amount();
        String customer;
        String kind;
        if ("card".equals(type) && method.card() != null) {
            // the card's fingerprint, as risk control knows it: brand and last four digits are shared by many cards
            customer = risk.cardFingerprintOf(p.id()).map(f -> "card:" + f)
                    .orElse("card:" + method.card().brand() + ":" + method.card().last4());
            kind = "card_payment";
        } else if ("bank_transfer".equals(type) && method.bankTransfer() != null) {
            Payment.BankTransfer b = method.bankTransfer();
            customer = "bank_account:" + b.bankCode() + ":" + b.last4() + ":" + b.accountName();
            kind = "bank_transfer_payment";
        } else if ("ecny".equals(type) && method.ecny() != null) {
            customer = "ecny:" + method.ecny().last4();
            kind = "ecny_payment";
        } else {
            // paid from a wallet (qr, payment_code): the wallet's line is the record, and names the merchant
            return;
        }
        record("payment:" + p.id(), kind, customer, AmlTransaction.INDIVIDUAL, AmlTransaction.DEBIT, merchantId, merchantId, p.id(),
                amount, p.currency(), at);
    }

    @EventListener
    void on(WalletMovement m) {
        if (!m.succeeded() || m.amount() == 0) {
            return;
        }
        String kind;
        String merchant = null;
        switch (m.type()) {
            case "transfer_out", "transfer_in" -> kind = "wallet_transfer";
            case "topup" -> kind = "wallet_topup";
            case "withdrawal" -> kind = "wallet_withdrawal";
            case "refund" -> kind = "wallet_refund";
            case "payment" -> {
                kind = m.merchant() == null ? "wallet_payment" : m.merchant().method() + "_payment";
                merchant = m.merchant() == null ? null : m.merchant().merchantId();
            }
            default -> kind = "wallet_" + m.type();
        }
        record("wallet:" + m.lineId(), kind, m.userId(), AmlTransaction.INDIVIDUAL, m.amount() < 0 ? AmlTransaction.DEBIT : AmlTransaction.CREDIT,
                m.counterparty(), merchant, m.reference(), Math.abs(m.amount()), m.currency(), m.at());
    }

    private void record(String source, String kind, String customer, String customerType, String direction, String counterparty,
                        String merchant, String reference, long amount, String currency, Instant at) {
        if (amount <= 0 || customer == null) {
            return;
        }
        recorder.record(new NewAmlTransaction(source, kind, customer, customerType, direction, counterparty, merchant, reference, amount,
                currency, !"CNY".equals(currency), false, at));
    }
}
