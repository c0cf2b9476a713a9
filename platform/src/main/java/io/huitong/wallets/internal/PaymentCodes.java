package io.huitong.wallets.internal;

import io.huitong.kernel.GroupCommit;
import io.huitong.wallets.PaymentCode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Issues payment codes (付款码): {@code 28} and 16 random digits, valid once and for {@code ttl}; only a code's SHA-256
 * is stored ({@link WalletOrderChannel#sha256}). A frozen wallet gets none. The class is judged when the code is charged,
 * in the debit (a wallet without one is declined {@code verification_required} then).
 *
 * <p>A code is stored with one statement that reads the wallet's row as it inserts, and the codes consumers ask for at
 * about the same time share a commit ({@link GroupCommit}): a code is on disk before the consumer sees it, as before,
 * but a busy shop's queue of phones costs the database one commit per batch, not one per code. Only a consumer without
 * a wallet yet, or whose wallet is frozen, costs more. Who holds a stored code is remembered while it is valid
 * ({@link CodeHolders}), for the merchant's charge of it.
 */
final class PaymentCodes {

    private static final String PREFIX = "28";
    private static final int MAX_BATCH = 64;
    /** How long a code's row outlives its expiry, for questions about a charge made with it; then it is deleted. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    /** The most codes one purge deletes: the next pass goes on where it stopped. */
    static final int PURGE_BATCH = 5_000;

    /** A code to store: its hash, the consumer, and when it was issued and expires. */
    record NewCode(String hash, String userId, Instant issued, Instant expires) {
    }

    private final WalletService wallets;
    private final WalletStore store;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final GroupCommit<NewCode, Boolean> commits;
    private final CodeHolders holders;

    PaymentCodes(WalletService wallets, Duration ttl, CodeHolders holders) {
        this.wallets = wallets;
        this.holders = holders;
        this.store = wallets.store();
        this.ttl = ttl;
        this.commits = new GroupCommit<>("payment codes", GroupCommit.Writer.of(NewCode::hash,
                batch -> wallets.inTx(() -> storeAll(batch)),
                store::insertCodeOfActiveWallet), MAX_BATCH,
                TransactionSynchronizationManager::isActualTransactionActive);
    }

    /** A new code for the consumer's wallet, which is opened if they have none yet. */
    PaymentCode issue(String userId) {
        StringBuilder code = new StringBuilder(PREFIX);
        for (int i = 0; i < 16; i++) {
            code.append((char) ('0' + random.nextInt(10)));
        }
        Instant now = wallets.now();
        NewCode issued = new NewCode(WalletOrderChannel.sha256(code.toString()), userId, now, now.plus(ttl));
        if (!commits.submit(issued)) {
            WalletStore.WalletRow wallet = wallets.ensure(userId);
            if (wallet.frozen()) {
                throw WalletErrors.frozen();
            }
            store.insertCode(wallet.id(), issued.hash(), issued.issued(), issued.expires());
        }
        holders.issued(issued.hash(), userId);
        return new PaymentCode(code.toString(), "payment_code", issued.expires());
    }

    /**
     * Deletes codes that expired more than {@link #KEPT_AFTER_EXPIRY} ago, at most {@link #PURGE_BATCH} of them, oldest
     * first; answers how many. Nothing reads such a code again: a charge of it is declined whether its row is there or not.
     */
    int purgeExpired() {
        return store.deleteCodesExpiredBefore(wallets.now().minus(KEPT_AFTER_EXPIRY), PURGE_BATCH);
    }

    /** Stores the codes of active wallets, in the current transaction: by hash, whether each was (false: no active wallet). */
    private Map<String, Boolean> storeAll(List<NewCode> batch) {
        boolean[] stored = store.insertCodesOfActiveWallets(batch);
        Map<String, Boolean> answers = new java.util.HashMap<>(batch.size() * 2);
        for (int i = 0; i < stored.length; i++) {
            answers.put(batch.get(i).hash(), stored[i]);
        }
        return answers;
    }
}
