package io.huitong.wallets.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Money;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.wallets.PayoutReturns;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdrawals the bank paid and got back from the beneficiary's bank (a pacs.004 it pushed): in one transaction under
 * the withdrawal's lock, the withdrawal goes from {@code succeeded} to {@code failed} with the return's reason as its
 * failure code, its history line with it, and a new ledger transfer ({@code wdr_x:returned}, code
 * {@code wallet_withdrawal_return}) moves the amount from the platform's bank clearing account back to the wallet's
 * available balance under the return's reference (the one its entry on the bank's statement carries). Only a whole
 * return of a withdrawal that succeeded is taken; the same return again changes nothing. A withdrawal that counted against
 * the wallet's class gives the class its amount back.
 */
final class WithdrawalReturns implements PayoutReturns {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalReturns.class);

    private final WalletService wallets;
    private final Ledger ledger;

    WithdrawalReturns(WalletService wallets, Ledger ledger) {
        this.wallets = wallets;
        this.ledger = ledger;
    }

    private record Row(String id, String walletId, String userId, long amount, String currency, String status, String returnReference,
                       boolean counted, Instant createdAt) {
    }

    @Override
    public Outcome returned(Return r) {
        if (r.payoutReference() == null || !r.payoutReference().startsWith("wdr_")) {
            return Outcome.UNKNOWN;
        }
        return wallets.inTx(() -> {
            Optional<Row> locked = wallets.store().jdbc().sql("select d.id, d.wallet_id, w.user_id, d.amount, d.currency, d.status,"
                            + " d.return_reference, d.counted, d.created_at from wallet_withdrawal d join wallet w on w.id = d.wallet_id"
                            + " where d.id = ? for update")
                    .param(r.payoutReference())
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getBoolean(8), DbTimes.instant(rs, 9))).optional();
            if (locked.isEmpty()) {
                return Outcome.UNKNOWN;
            }
            Row w = locked.get();
            Verdict verdict = r.judge(w.returnReference(), "succeeded".equals(w.status()), w.status(), new Money(w.amount(), w.currency()));
            if (verdict != null) {
                if (verdict.why() != null) {
                    log.warn("Return {} of withdrawal {} refused: {}", r.returnReference(), w.id(), verdict.why());
                }
                return verdict.outcome();
            }
            TransferResult moved = ledger.createTransfer(TransferRequest.posted(w.id() + ":returned", Withdrawals.bankClearing(w.currency()),
                    WalletService.account(w.userId(), w.currency()), r.amount()).withCode("wallet_withdrawal_return")
                    .withReference(r.returnReference()));
            if (!moved.succeeded()) {
                throw new IllegalStateException("ledger refused " + moved.id() + ": " + moved.code());
            }
            Instant now = wallets.now();
            wallets.store().jdbc().sql("update wallet_withdrawal set status = 'failed', failure_code = ?, return_reference = ?, updated_at = ?"
                    + " where id = ?").params(r.reason(), r.returnReference(), DbTimes.at(now), w.id()).update();
            wallets.store().setTxnStatus(w.walletId(), "withdrawal", w.id(), "failed");
            if (w.counted()) {
                wallets.classes().giveBack(wallets.store().lock(w.walletId()), new Money(w.amount(), w.currency()), w.createdAt());
            }
            log.info("Withdrawal {} returned by the bank ({}, return {}): {} {} back in the wallet", w.id(), r.reason(), r.returnReference(),
                    w.amount(), w.currency());
            return Outcome.RETURNED;
        });
    }
}
