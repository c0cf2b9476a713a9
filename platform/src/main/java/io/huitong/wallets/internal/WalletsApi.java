package io.huitong.wallets.internal;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.wallets.NewTopUp;
import io.huitong.wallets.NewWalletTransfer;
import io.huitong.wallets.PaymentCode;
import io.huitong.wallets.TopUp;
import io.huitong.wallets.Wallet;
import io.huitong.wallets.NewWithdrawal;
import io.huitong.wallets.WalletQrPayment;
import io.huitong.wallets.Withdrawal;
import io.huitong.wallets.WalletTransaction;
import io.huitong.wallets.WalletTransfer;
import io.huitong.wallets.Wallets;
import java.util.Optional;

/** The wallets' API: each part of it is done by the class that owns that kind of movement. */
final class WalletsApi implements Wallets {

    private final WalletService wallets;
    private final TopUps topUps;
    private final PaymentCodes codes;
    private final QrPayments qrPayments;
    private final Withdrawals withdrawals;
    private final WalletTransfers transfers;

    WalletsApi(WalletService wallets, TopUps topUps, PaymentCodes codes, QrPayments qrPayments, Withdrawals withdrawals,
               WalletTransfers transfers) {
        this.transfers = transfers;
        this.withdrawals = withdrawals;
        this.wallets = wallets;
        this.topUps = topUps;
        this.codes = codes;
        this.qrPayments = qrPayments;
    }

    @Override
    public Withdrawal withdraw(String userId, NewWithdrawal request) {
        return withdrawals.withdraw(userId, request);
    }

    @Override
    public Optional<Withdrawal> findWithdrawal(String userId, String withdrawalId) {
        return withdrawals.find(userId, withdrawalId);
    }

    @Override
    public WalletQrPayment payQr(String userId, String qrPayload, io.huitong.risk.RiskContext riskContext, String otp) {
        return qrPayments.pay(userId, qrPayload, riskContext, otp);
    }

    @Override
    public io.huitong.wallets.WalletQrPreview previewQr(String qrPayload) {
        return qrPayments.preview(qrPayload);
    }

    @Override
    public PaymentCode paymentCode(String userId) {
        return codes.issue(userId);
    }

    @Override
    public Optional<io.huitong.wallets.AccountClass> accountClass(String userId) {
        return wallets.classOf(userId);
    }

    @Override
    public Wallet wallet(String userId) {
        return wallets.wallet(userId);
    }

    @Override
    public WalletTransfer transfer(String userId, NewWalletTransfer request) {
        return transfers.transfer(userId, request);
    }

    @Override
    public Wallet freeze(String userId) {
        return wallets.freeze(userId);
    }

    @Override
    public Wallet unfreeze(String userId, String otp, String password) {
        return wallets.unfreeze(userId, otp, password);
    }

    @Override
    public Wallet freezeByOperator(String walletId) {
        return wallets.freezeByOperator(walletId);
    }

    @Override
    public Wallet unfreezeByOperator(String walletId) {
        return wallets.unfreezeByOperator(walletId);
    }

    @Override
    public Wallet walletById(String walletId) {
        return wallets.walletById(walletId);
    }

    @Override
    public Page<WalletTransaction> transactions(String userId, PageRequest page) {
        return wallets.transactions(userId, page);
    }

    @Override
    public Page<WalletTransaction> transactions(String userId, io.huitong.wallets.TransactionFilter filter, PageRequest page) {
        return wallets.transactions(userId, filter, page);
    }

    @Override
    public TopUp topUp(String userId, NewTopUp request) {
        return topUps.topUp(userId, request);
    }

    @Override
    public Optional<TopUp> findTopUp(String userId, String topUpId) {
        return topUps.find(userId, topUpId);
    }
}
