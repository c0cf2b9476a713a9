package io.huitong.wallets.internal;

import io.huitong.kernel.GroupCommit;
import io.huitong.payments.channel.OrderResult;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wallets' payments to merchants, many in one shared commit ({@link GroupCommit}): the platform's clearing account and
 * the commit are then shared by the batch instead of being held by each payment until its own commit. The debits of a
 * batch run in the order of their consumers, so batches lock wallets in one order. A batch in which any debit is refused (a used code,
 * a limit, the balance) is rolled back whole, and each of its debits is made again alone: a refusal touches nothing
 * but its own payment.
 */
final class WalletDebits {

    /**
     * A debit of the wallet of consumer {@code userId}: {@code work} runs inside the transaction and answers the order's
     * result, or throws to refuse.
     */
    record Debit(String id, String userId, Supplier<OrderResult> work) {
    }

    private final GroupCommit<Debit, OrderResult> commits;

    WalletDebits(WalletService wallets) {
        this.commits = new GroupCommit<>("wallet debits", GroupCommit.Writer.of(Debit::id, batch -> wallets.inTx(() -> {
            Map<String, OrderResult> results = new LinkedHashMap<>();
            batch.stream().sorted(Comparator.comparing(Debit::userId)).forEach(d -> results.put(d.id(), d.work().get()));
            return results;
        }), debit -> wallets.inTx(debit.work())), 32, TransactionSynchronizationManager::isActualTransactionActive);
    }

    /** Makes the debit, alone or with others, or in the caller's transaction if it has one; throws what {@code work} throws. */
    OrderResult debit(Debit debit) {
        return commits.submit(debit);
    }
}
