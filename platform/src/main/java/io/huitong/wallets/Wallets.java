package io.huitong.wallets;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/**
 * Consumers' wallets. A wallet is created on first use. Every movement out of a wallet is refused, changing
 * nothing, when the wallet is frozen (403 {@code wallet_frozen}), beyond its balance (402
 * {@code insufficient_funds}) or beyond its class (402 {@code limit_exceeded}); a balance payment, transfer, or withdrawal
 * to an account not in the holder's verified name, when no channel verified the holder (403 {@code verification_required}).
 */
public interface Wallets {

    Wallet wallet(String userId);

    /** The class of the consumer's wallet, from their verification channels: empty while there is none. */
    Optional<AccountClass> accountClass(String userId);

    WalletTransfer transfer(String userId, NewWalletTransfer request);

    /** Freezes the wallet at once: nothing leaves it until it is unfrozen. */
    Wallet freeze(String userId);

    /**
     * The owner unfreezes the wallet, proving who they are again: with a current two-factor code ({@code otp})
     * once their authenticator is on, with their password until then.
     */
    Wallet unfreeze(String userId, String otp, String password);

    /** An operator freezes a wallet at once (a suspected takeover, a report): it sends no money until it is unfrozen. */
    Wallet freezeByOperator(String walletId);

    /** An operator unfreezes a wallet. */
    Wallet unfreezeByOperator(String walletId);

    /** The wallet with this id, for operators (404 {@code resource_missing} when there is none). */
    Wallet walletById(String walletId);

    Page<WalletTransaction> transactions(String userId, PageRequest page);

    /** The wallet's history lines the filter lets through (a type, a time range), newest first. */
    Page<WalletTransaction> transactions(String userId, TransactionFilter filter, PageRequest page);

    /**
     * Tops the wallet up from a card: a card payment of the platform's internal top-up merchant; the wallet
     * is credited when it succeeds. A declined card is a 402 {@code card_error} and the top-up is failed.
     */
    TopUp topUp(String userId, NewTopUp request);

    /**
     * A payment code for a merchant to charge ({@code payment_method.type} {@code payment_code}): valid once, for a
     * short while. A frozen wallet gets none (403 {@code wallet_frozen}).
     */
    PaymentCode paymentCode(String userId);

    /**
     * What paying this QR payload would pay, for the payer to confirm first: the payment, its amount and the merchant's
     * name as the code states them. Refused as {@link #payQr} refuses a payload that is no payment's code (400).
     */
    WalletQrPreview previewQr(String qrPayload);

    /**
     * Pays a merchant's {@code qr} payment from the wallet: {@code qrPayload} is the EMVCo payload of its
     * {@code display_qr} next action. A payload that is not one is a 400; one naming no payment waiting to be
     * paid a 404 or 409.
     */
    WalletQrPayment payQr(String userId, String qrPayload, io.huitong.risk.RiskContext riskContext, String otp);

    /**
     * Sends money to a bank account: held in the wallet ({@code pending}) until the bank confirms
     * ({@code succeeded}); a rejected payout returns it ({@code failed}).
     */
    Withdrawal withdraw(String userId, NewWithdrawal request);

    Optional<Withdrawal> findWithdrawal(String userId, String withdrawalId);

    /** One of the consumer's own top-ups; another consumer's is not found. */
    Optional<TopUp> findTopUp(String userId, String topUpId);
}
