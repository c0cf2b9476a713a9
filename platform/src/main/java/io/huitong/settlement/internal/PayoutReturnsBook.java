package io.huitong.settlement.internal;

import io.huitong.aml.AmlMonitoring;
import io.huitong.aml.AmlTransaction;
import io.huitong.aml.NewAmlTransaction;
import io.huitong.events.EventLog;
import io.huitong.events.EventTypes;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Money;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.settlement.Payout;
import io.huitong.wallets.PayoutReturns;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merchant payouts the bank paid and got back from the beneficiary's bank (a pacs.004 it pushed): in one transaction
 * under the payout's lock, the payout goes from {@code paid} to {@code failed} with the return's reason as its
 * {@code failure_code}, a new ledger transfer ({@code po_x:returned}, code {@code payout_return}) moves the amount from the
 * platform's bank clearing account back to the merchant's available balance under the return's reference (the one its
 * entry on the bank's statement carries, so that reconciliation pairs them), the settlement it paid is failed too, the
 * return is recorded for AML as the payout was, and {@code payout.failed} is recorded. Only a whole return of a paid
 * payout is taken; the same return again changes nothing.
 */
final class PayoutReturnsBook implements PayoutReturns {

    private static final Logger log = LoggerFactory.getLogger(PayoutReturnsBook.class);
    static final String CODE = "payout_return";
    private static final Map<String, String> REASONS = Map.of("AC01", "the account number is incorrect", "AC04", "the account is closed",
            "AC06", "the account is blocked", "AG01", "the account does not take such transfers", "BE04", "the creditor's address is missing",
            "MD07", "the account holder is deceased", "RR04", "a regulatory reason");

    private final PayoutStore store;
    private final SettlementStore settlements;
    private final Ledger ledger;
    private final EventLog events;
    private final AmlMonitoring aml;
    private final TransactionTemplate tx;
    private final Clock clock;

    PayoutReturnsBook(PayoutStore store, SettlementStore settlements, Ledger ledger, EventLog events, AmlMonitoring aml, TransactionTemplate tx,
                      Clock clock) {
        this.store = store;
        this.settlements = settlements;
        this.ledger = ledger;
        this.events = events;
        this.aml = aml;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Outcome returned(Return r) {
        if (r.payoutReference() == null || !r.payoutReference().startsWith("po_")) {
            return Outcome.UNKNOWN;
        }
        return tx.execute(s -> {
            Optional<Payout> locked = store.lock(r.payoutReference());
            if (locked.isEmpty()) {
                return Outcome.UNKNOWN;
            }
            Payout p = locked.get();
            PayoutReturns.Verdict verdict = r.judge(store.returnReference(p.id()), "paid".equals(p.status()), p.status(),
                    new Money(p.amount(), p.currency()));
            if (verdict != null) {
                if (verdict.why() != null) {
                    log.warn("Return {} of payout {} refused: {}", r.returnReference(), p.id(), verdict.why());
                }
                return verdict.outcome();
            }
            apply(p, r);
            return Outcome.RETURNED;
        });
    }

    private void apply(Payout p, Return r) {
        Money amount = new Money(p.amount(), p.currency());
        TransferResult moved = ledger.createTransfer(TransferRequest.posted(p.id() + ":returned", Accounts.bankClearing(p.currency()),
                Accounts.available(p.merchant(), p.currency()), amount).withCode(CODE).withReference(r.returnReference()));
        if (!moved.succeeded()) {
            throw new IllegalStateException("ledger refused " + moved.id() + ": " + moved.code());
        }
        Instant now = DbTimes.now(clock);
        String why = REASONS.get(r.reason());
        store.returned(p.id(), r.reason(), "The beneficiary's bank returned the payout (" + r.reason() + (why == null ? "" : ": " + why)
                + "); the money is back in the available balance.", r.returnReference(), now);
        if (p.settlement() != null) {
            settlements.setStatus(p.settlement(), "failed", now);
        }
        aml.record(new NewAmlTransaction(r.returnReference(), "merchant_payout_return", p.merchant(), AmlTransaction.ORGANISATION,
                AmlTransaction.CREDIT, p.bankAccount().bankCode() + " " + p.bankAccount().accountNumber(), p.merchant(), p.id(), p.amount(),
                p.currency(), false, false, now));
        events.record(p.merchant(), EventTypes.PAYOUT_FAILED, store.find(p.id()).orElseThrow());
        log.info("Payout {} returned by the bank ({}, return {}): {} {} back in the available balance", p.id(), r.reason(),
                r.returnReference(), p.amount(), p.currency());
    }
}
