package io.huitong.wallets.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Money;
import io.huitong.ledger.Account;
import io.huitong.ledger.Ledger;
import io.huitong.payments.Payment;
import io.huitong.payments.Payments;
import io.huitong.wallets.WalletQrPayment;
import io.huitong.wallets.domain.MerchantQr;

/**
 * Paying a merchant's QR payment from the wallet: the payload names the payment; payments closes its order at
 * the QR channel and pays it through the wallet channel ({@link WalletOrderChannel}), which debits the wallet.
 * The wallet is looked at first (frozen, verified, its class's limit, balance), so that a consumer who cannot pay gets the refusal
 * without failing the merchant's payment.
 */
final class QrPayments {

    private final WalletService wallets;
    private final Payments payments;
    private final Ledger ledger;

    QrPayments(WalletService wallets, Payments payments, Ledger ledger) {
        this.wallets = wallets;
        this.payments = payments;
        this.ledger = ledger;
    }

    /** The payment a payload names, its amount and the merchant's name, as the code states them; nothing is paid. */
    io.huitong.wallets.WalletQrPreview preview(String payload) {
        MerchantQr qr = MerchantQr.parse(payload);
        Money amount = qr.amount().orElseThrow(() -> ApiException.invalid("qr_payload",
                "qr_payload states no amount: scan the payment's QR code again."));
        return new io.huitong.wallets.WalletQrPreview(qr.paymentId(), amount.amount(), amount.currency(),
                MerchantQr.merchantName(payload).orElse(null));
    }

    WalletQrPayment pay(String userId, String payload, io.huitong.risk.RiskContext context, String otp) {
        MerchantQr qr = MerchantQr.parse(payload);
        // a payment's QR code states its amount, which risk control, the class's limit and the balance judge (and which must be
        // the payment's): a code without one would have them judge nothing
        Money amount = qr.amount().orElseThrow(() -> ApiException.invalid("qr_payload",
                "qr_payload states no amount: scan the payment's QR code again."));
        WalletStore.WalletRow wallet = wallets.ensure(userId);
        wallets.decide(qr.paymentId(), "qr_payment", wallets.user(userId), amount.amount(), amount.currency(), context, otp);
        wallets.classes().judge(wallet, wallets.classOf(userId), amount, wallets.now());
        long available = ledger.account(WalletService.account(userId, amount.currency())).map(Account::availableBalance).orElse(0L);
        if (available < amount.amount()) {
            throw WalletErrors.insufficient();
        }
        Payment paid = payments.payFromWallet(qr.paymentId(), userId, amount);
        WalletStore.TxnRow line = wallets.store().txnByReference("payment", paid.id()).filter(t -> t.walletId().equals(wallet.id()))
                .orElseThrow(() -> new IllegalStateException("payment " + paid.id() + " succeeded without a line in wallet " + wallet.id()));
        String txnId = line.line().id();
        return new WalletQrPayment("wqp_" + txnId.substring(txnId.indexOf('_') + 1), "wallet_qr_payment", paid.id(), paid.amount(),
                paid.currency(), line.line().counterparty(), paid.status(), line.line().createdAt());
    }
}
