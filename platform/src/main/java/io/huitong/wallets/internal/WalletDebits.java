package io.huitong.wallets.internal;

import io.huitong.kernel.GroupCommit;
import io.huitong.kernel.Money;
import io.huitong.ledger.TransferRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.WalletMovement;
import io.huitong.wallets.domain.Outflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wallets' payments to merchants, many in one shared commit ({@link GroupCommit}), each statement made once for the
 * whole batch: the wallets locked by one statement (in the order of their consumers, so batches lock wallets in one
 * order), the codes used up by one batch, the limits judged in memory and what the wallets moved out written by one
 * batch, the debits posted as one ledger batch into the platform's clearing account, the history lines inserted by one
 * batch. A batch in which any debit is refused (a used code, a frozen wallet, a limit, the balance) is rolled back
 * whole, and each of its debits is made again alone: a refusal touches nothing but its own payment.
 */
final class WalletDebits {

    /**
     * A debit of consumer {@code userId}'s wallet for the payment {@code paymentId}: by its payment code, or, when
     * {@code code} is null, because the consumer pays the merchant's QR payment. {@code txnId}: the history line's id;
     * {@code merchantName}: the line's counterparty.
     */
    record Debit(String txnId, String userId, String code, String paymentId, Money amount, String merchantId, String merchantName,
                 Optional<AccountClass> accountClass) {
    }

    /** The payment's code was unknown, expired or used by another payment: nothing was written. */
    static final class CodeRefused extends RuntimeException {
        CodeRefused() {
            super(null, null, false, false);
        }
    }

    private final WalletService wallets;
    private final WalletStore store;
    private final GroupCommit<Debit, OrderResult> commits;

    WalletDebits(WalletService wallets) {
        this.wallets = wallets;
        this.store = wallets.store();
        this.commits = new GroupCommit<>("wallet debits", GroupCommit.Writer.of(Debit::txnId,
                batch -> wallets.inTx(() -> pay(batch)),
                debit -> wallets.inTx(() -> pay(List.of(debit)).get(debit.txnId()))), 32,
                TransactionSynchronizationManager::isActualTransactionActive);
    }

    /**
     * Makes the debit, alone or with others, or in the caller's transaction if it has one. Throws {@link CodeRefused},
     * or the wallet's refusal ({@code ApiException}).
     */
    OrderResult debit(Debit debit) {
        return commits.submit(debit);
    }

    /**
     * Makes the debits in the caller's transaction (a payment's own, {@link io.huitong.payments.channel.InstantOrderChannel}),
     * together: answers each one's result by its line's id, or throws to refuse (any of) them.
     */
    Map<String, OrderResult> payHere(List<Debit> batch) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("debits are made here only in the caller's transaction");
        }
        return pay(batch);
    }

    /** Makes the debits in the current transaction; answers each one's result by its line's id, or throws to refuse (any of) them. */
    private Map<String, OrderResult> pay(List<Debit> batch) {
        Instant now = wallets.now();
        List<Debit> debits = batch.stream().sorted(Comparator.comparing(Debit::userId)).toList();
        Map<String, WalletStore.WalletRow> locked = store.lockByUsers(new TreeSet<>(debits.stream().map(Debit::userId).toList()));
        debits.stream().filter(d -> !locked.containsKey(d.userId())).findFirst().ifPresent(d -> {
            throw new IllegalStateException("no wallet of " + d.userId() + " to debit");
        });
        Map<String, OrderResult> results = new LinkedHashMap<>();
        List<Debit> paying = useCodes(debits, locked, now, results);

        Map<String, Outflow> counted = new LinkedHashMap<>();
        List<TransferRequest> transfers = new ArrayList<>(paying.size());
        List<WalletMovement> lines = new ArrayList<>(paying.size());
        for (Debit d : paying) {
            WalletStore.WalletRow wallet = locked.get(d.userId());
            Outflow outflow = wallets.classes().judge(wallet, d.accountClass(), d.amount(), now);
            // a second debit of the same wallet in the batch is judged against what the first moved out
            locked.put(d.userId(), new WalletStore.WalletRow(wallet.id(), wallet.userId(), wallet.status(), wallet.createdAt(), outflow));
            counted.put(wallet.id(), outflow);
            transfers.add(TransferRequest.posted(d.paymentId() + ":wallet", WalletService.account(d.userId(), d.amount().currency()),
                    WalletOrderChannel.clearing(d.amount().currency()), d.amount()).withCode("wallet_payment").withReference(d.paymentId()));
            lines.add(new WalletMovement(d.txnId(), wallet.id(), wallet.userId(), "payment", -d.amount().amount(), d.amount().currency(),
                    "succeeded", d.merchantName(), d.paymentId(), now,
                    new WalletMovement.Merchant(d.merchantId(), d.code() != null ? WalletOrderChannel.METHOD : "qr")));
            results.put(d.txnId(), new OrderResult.Paid(WalletOrderChannel.channelReference(d.txnId())));
        }
        if (!paying.isEmpty()) {
            store.countAll(counted);
            wallets.postAll(transfers);
            store.insertTxns(lines);
        }
        return results;
    }

    /**
     * Uses the codes of the debits that have one, in one batch; answers the debits that go on to pay. A code that was
     * not there to use refuses its debit ({@link CodeRefused}), unless it was used by this very payment (opened again
     * after a crash): that one was paid, and its result goes into {@code results}.
     */
    private List<Debit> useCodes(List<Debit> debits, Map<String, WalletStore.WalletRow> locked, Instant now, Map<String, OrderResult> results) {
        List<WalletStore.CodeUse> uses = new ArrayList<>();
        for (Debit d : debits) {
            if (d.code() != null) {
                uses.add(new WalletStore.CodeUse(WalletOrderChannel.sha256(d.code()), locked.get(d.userId()).id(), d.paymentId()));
            }
        }
        boolean[] used = uses.isEmpty() ? new boolean[0] : store.useCodes(uses, now);
        List<Debit> paying = new ArrayList<>(debits.size());
        int i = -1;
        for (Debit d : debits) {
            if (d.code() == null || used[++i]) {
                paying.add(d);
                continue;
            }
            String walletId = uses.get(i).walletId();
            OrderResult earlier = store.txnByReference("payment", d.paymentId()).filter(t -> t.walletId().equals(walletId))
                    .<OrderResult>map(t -> new OrderResult.Paid(WalletOrderChannel.channelReference(t.line().id())))
                    .orElseThrow(CodeRefused::new);
            results.put(d.txnId(), earlier);
        }
        return paying;
    }
}
