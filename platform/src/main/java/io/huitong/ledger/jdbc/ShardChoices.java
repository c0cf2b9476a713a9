package io.huitong.ledger.jdbc;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which row of an account without limits a transaction adds to: one picked at random the first time the
 * transaction posts to the account, and the same one every time after. A transaction that posts to a hot account
 * many times (a shared commit of many payments) then holds one of its rows until it commits, not several, and
 * leaves the others to concurrent writers. Outside a transaction each posting picks anew.
 */
final class ShardChoices {

    private ShardChoices() {
    }

    static int shardOf(String accountId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return ThreadLocalRandom.current().nextInt(AccountRows.SHARDS);
        }
        return chosen().computeIfAbsent(accountId, id -> ThreadLocalRandom.current().nextInt(AccountRows.SHARDS));
    }

    /** This transaction's choices, kept by a synchronization of its own (suspended with it, so an inner transaction chooses anew). */
    private static Map<String, Integer> chosen() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Choices choices) {
                return choices.byAccount;
            }
        }
        Choices fresh = new Choices();
        TransactionSynchronizationManager.registerSynchronization(fresh);
        return fresh.byAccount;
    }

    private static final class Choices implements TransactionSynchronization {
        private final Map<String, Integer> byAccount = new HashMap<>();
    }
}
