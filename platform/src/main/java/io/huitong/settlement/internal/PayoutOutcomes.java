package io.huitong.settlement.internal;

import io.huitong.aml.AmlMonitoring;
import io.huitong.aml.AmlTransaction;
import io.huitong.aml.NewAmlTransaction;
import io.huitong.events.EventLog;
import io.huitong.events.EventTypes;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Money;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.settlement.Payout;
import io.huitong.settlement.domain.SettlementCutoff;
import java.time.LocalDate;
import io.huitong.wallets.BankPayouts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What becomes of a payout after it is opened: sent to the bank through the bank channel (ISO 20022 pain.001), then
 * paid or failed by the bank's answer or a later status report; each outcome in one transaction with its ledger
 * movement, the settlement's status, the event and, for a paid payout, the AML record. An answer the bank did not
 * give yet leaves the payout {@code in_transit} until the resolver asks again.
 *
 * <p>The payouts a settlement run opens go together once it is done: batches of up to {@value #MAX_BATCH}, each one
 * pain.001 named by the batch's reference ({@code pob_...}), which the bank is asked to book as one entry of our
 * account's statement. The reference is stored with each payout before the batch is sent, so that a batch the bank did
 * not answer is sent again as the same message, and reconciliation knows which payouts the bank's entry stands for. A
 * payout alone (an approved one, a run's only payout) goes as before, in a message of its own.
 */
final class PayoutOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PayoutOutcomes.class);
    /** How long a payout in transit waits before the bank is asked about it again. */
    static final Duration ASK_AGAIN = Duration.ofSeconds(15);
    /** Payouts per pain.001: some 700 characters each, 500 stay well within the million characters a bank reads of a message. */
    static final int MAX_BATCH = 500;

    private final PayoutStore store;
    private final SettlementStore settlements;
    private final BankAccounts accounts;
    private final Ledger ledger;
    private final EventLog events;
    private final AmlMonitoring aml;
    private final Supplier<Optional<BankPayouts>> bank;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ExecutorService sender;
    private final Ids ids;

    PayoutOutcomes(PayoutStore store, SettlementStore settlements, BankAccounts accounts, Ledger ledger, EventLog events, AmlMonitoring aml,
                   Supplier<Optional<BankPayouts>> bank, TransactionTemplate tx, Clock clock, ExecutorService sender, Ids ids) {
        this.store = store;
        this.settlements = settlements;
        this.accounts = accounts;
        this.ledger = ledger;
        this.events = events;
        this.aml = aml;
        this.bank = bank;
        this.tx = tx;
        this.clock = clock;
        this.sender = sender;
        this.ids = ids;
    }

    /** Sends the payout in the background, after the caller's transaction commits (at once when there is none). */
    void sendAfterCommit(String payoutId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sendLater(payoutId);
                }
            });
        } else {
            sendLater(payoutId);
        }
    }

    private void sendLater(String payoutId) {
        try {
            sender.execute(() -> send(payoutId));
        } catch (RuntimeException rejected) {
            log.warn("Payout {} waits for the resolver: {}", payoutId, rejected.toString());
        }
    }

    /** Sends the payouts still pending among these (a settlement run's) in batches, in the background. */
    void sendTogether(List<String> payoutIds) {
        if (payoutIds.isEmpty()) {
            return;
        }
        try {
            sender.execute(() -> sendInBatches(payoutIds));
        } catch (RuntimeException rejected) {
            log.warn("{} payouts wait for the resolver: {}", payoutIds.size(), rejected.toString());
        }
    }

    /** Puts the payouts still pending and in no batch into batches of up to {@value #MAX_BATCH} and sends each; one alone goes alone. */
    void sendInBatches(List<String> payoutIds) {
        for (int from = 0; from < payoutIds.size(); from += MAX_BATCH) {
            List<String> chunk = payoutIds.subList(from, Math.min(payoutIds.size(), from + MAX_BATCH));
            if (chunk.size() == 1) {
                send(chunk.getFirst());
                continue;
            }
            String batch = ids.next("pob");
            if (store.assignBatch(chunk, batch, now()) > 0) {
                sendBatch(batch);
            }
        }
    }

    /** Sends a batch's payouts still pending as one message under its reference and applies the answers. */
    void sendBatch(String batch) {
        Optional<BankPayouts> channel = bank.get();
        if (channel.isEmpty()) {
            return;
        }
        List<Payout> payouts = store.pendingInBatch(batch).stream().map(store::find).flatMap(Optional::stream).toList();
        if (payouts.isEmpty()) {
            return;
        }
        List<BankPayouts.Payout> sent = payouts.stream().map(p -> new BankPayouts.Payout(p.id(), new Money(p.amount(), p.currency()),
                p.bankAccount().bankCode(), accounts.open(p.merchant(), store.sealedAccount(p.id())), p.bankAccount().accountName())).toList();
        List<BankPayouts.Result> results;
        try {
            results = channel.get().send(batch, sent);
        } catch (RuntimeException e) {
            log.warn("Payout batch {} got no answer from the bank ({}); the resolver asks again", batch, e.toString());
            results = List.of();
        }
        for (int i = 0; i < payouts.size(); i++) {
            apply(payouts.get(i).id(), results.size() == payouts.size() ? results.get(i) : new BankPayouts.Result.Pending());
        }
    }

    /** Approved: from {@code requires_approval} to {@code pending}, sent after the caller's transaction commits. */
    void release(String payoutId) {
        Payout p = store.lock(payoutId).orElseThrow(() -> new IllegalStateException("no payout " + payoutId));
        if (!"requires_approval".equals(p.status())) {
            throw new IllegalStateException("payout " + payoutId + " is " + p.status() + ", not waiting for approval");
        }
        store.update(payoutId, "pending", null, null, null, now(), now());
        sendAfterCommit(payoutId);
    }

    /** Rejected by an approver: the payout fails and the money is available again. */
    void cancel(String payoutId) {
        Payout p = store.lock(payoutId).orElseThrow(() -> new IllegalStateException("no payout " + payoutId));
        if (!"requires_approval".equals(p.status())) {
            throw new IllegalStateException("payout " + payoutId + " is " + p.status() + ", not waiting for approval");
        }
        fail(p, "approval_rejected", "An approver rejected the payout.");
    }

    /** Sends a pending payout to the bank and applies the answer. */
    void send(String payoutId) {
        Optional<BankPayouts> channel = bank.get();
        Optional<Payout> payout = store.find(payoutId);
        if (channel.isEmpty() || payout.isEmpty() || !"pending".equals(payout.get().status())) {
            return;
        }
        Payout p = payout.get();
        String number = accounts.open(p.merchant(), store.sealedAccount(payoutId));
        BankPayouts.Result result;
        try {
            result = channel.get().send(new BankPayouts.Payout(p.id(), new Money(p.amount(), p.currency()), p.bankAccount().bankCode(),
                    number, p.bankAccount().accountName()));
        } catch (RuntimeException e) {
            log.warn("Payout {} got no answer from the bank ({}); the resolver asks again", payoutId, e.toString());
            result = new BankPayouts.Result.Pending();
        }
        apply(payoutId, result);
    }

    /** Applies the bank's answer, once: a payout already paid or failed stays as it is. */
    void apply(String payoutId, BankPayouts.Result result) {
        tx.executeWithoutResult(s -> {
            Payout p = store.lock(payoutId).orElseThrow();
            if (!"pending".equals(p.status()) && !"in_transit".equals(p.status())) {
                return;
            }
            switch (result) {
                case BankPayouts.Result.Settled settled -> paid(p);
                case BankPayouts.Result.Rejected rejected -> fail(p, rejected.code(), rejected.message());
                case BankPayouts.Result.Pending pending ->
                        store.update(payoutId, "in_transit", null, null, null, now().plus(ASK_AGAIN), now());
            }
        });
    }

    private void paid(Payout p) {
        require(ledger.createTransfer(TransferRequest.post(p.id() + ":paid", p.id() + ":hold", null).withCode("payout").withReference(p.id())));
        Instant now = now();
        store.update(p.id(), "paid", null, null, LocalDate.ofInstant(now, SettlementCutoff.ZONE), null, now);
        if (p.settlement() != null) {
            settlements.setStatus(p.settlement(), "paid", now);
        }
        aml.record(new NewAmlTransaction(p.id(), "merchant_payout", p.merchant(), AmlTransaction.ORGANISATION, AmlTransaction.DEBIT,
                p.bankAccount().bankCode() + " " + p.bankAccount().accountNumber(), p.merchant(), p.id(), p.amount(), p.currency(),
                false, false, now));
        events.record(p.merchant(), EventTypes.PAYOUT_PAID, store.find(p.id()).orElseThrow());
    }

    private void fail(Payout p, String code, String message) {
        require(ledger.createTransfer(TransferRequest.voidHold(p.id() + ":return", p.id() + ":hold").withCode("payout_return")
                .withReference(p.id())));
        Instant now = now();
        store.update(p.id(), "failed", code, message == null ? null : message.substring(0, Math.min(300, message.length())), null, null, now);
        if (p.settlement() != null) {
            settlements.setStatus(p.settlement(), "failed", now);
        }
        events.record(p.merchant(), EventTypes.PAYOUT_FAILED, store.find(p.id()).orElseThrow());
    }

    /**
     * Sends payouts left pending (a restart, a full queue, a run that stopped before it was done), a batch as the same
     * message again, and asks the bank about those in transit; answers how many moved on.
     */
    int resolveDue() {
        if (bank.get().isEmpty()) {
            return 0;
        }
        Instant now = now();
        List<PayoutStore.Unsent> unsent = store.unsent(now.minus(ASK_AGAIN), 50);
        unsent.stream().map(PayoutStore.Unsent::batch).filter(Objects::nonNull).distinct().forEach(this::sendBatch);
        sendInBatches(unsent.stream().filter(u -> u.batch() == null).map(PayoutStore.Unsent::id).toList());
        int moved = 0;
        for (String id : store.due("in_transit", now, 50)) {
            BankPayouts.Result result = bank.get().get().status(id);
            if (!(result instanceof BankPayouts.Result.Pending)) {
                apply(id, result);
                moved++;
            } else {
                tx.executeWithoutResult(s -> store.lock(id).filter(p -> "in_transit".equals(p.status()))
                        .ifPresent(p -> store.update(id, "in_transit", null, null, null, now().plus(ASK_AGAIN), now())));
            }
        }
        return moved + unsent.size();
    }

    private Instant now() {
        return DbTimes.now(clock);
    }

    private static void require(TransferResult r) {
        if (!r.succeeded()) {
            throw new IllegalStateException("ledger refused " + r.id() + ": " + r.code());
        }
    }
}
