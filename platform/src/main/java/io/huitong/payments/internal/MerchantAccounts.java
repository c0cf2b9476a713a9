package io.huitong.payments.internal;

import io.huitong.kernel.Money;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ledger accounts behind payments, per currency, and the transfers each payment step posts.
 * <ul>
 *   <li>{@code platform:card_clearing:CNY} (asset): what acquirers owe the platform for captured payments;
 *       {@code bank_clearing}, {@code ecny_clearing} and {@code qr_clearing} likewise for what the bank, the
 *       e-CNY operator and the wallet operators owe, and {@code wallet_clearing} for money paid from Huitong
 *       wallets, so that each channel's statement reconciles with one account;</li>
 *   <li>{@code platform:fee_revenue:CNY} (revenue): the platform's merchant fees;</li>
 *   <li>{@code mer_x:pending:CNY} (liability): what the platform owes the merchant, not yet settled;</li>
 *   <li>{@code mer_x:available:CNY} (liability): settled, can be paid out.</li>
 * </ul>
 * Transfer ids derive from the payment or refund ({@code pay_x:capture}), so a repeated step posts nothing twice.
 */
class MerchantAccounts {

    /** Card authorizations are held up to seven days, as card networks allow. */
    static final long AUTHORIZATION_HOLD_SECONDS = 7 * 24 * 3600;

    private final Ledger ledger;
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    MerchantAccounts(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The clearing account of a payment method ({@code card}, {@code bank_transfer}, {@code ecny}, {@code qr}, {@code payment_code}). */
    static String clearing(String method, String currency) {
        String name = switch (method) {
            case "card" -> "card_clearing";
            case "bank_transfer" -> "bank_clearing";
            case "ecny" -> "ecny_clearing";
            case "qr" -> "qr_clearing";
            case "payment_code" -> "wallet_clearing";
            default -> throw new IllegalArgumentException("no clearing account for payment method " + method);
        };
        return "platform:" + name + ":" + currency;
    }

    static String feeRevenue(String currency) {
        return "platform:fee_revenue:" + currency;
    }

    static String pending(String merchantId, String currency) {
        return merchantId + ":pending:" + currency;
    }

    static String available(String merchantId, String currency) {
        return merchantId + ":available:" + currency;
    }

    /**
     * Opens the accounts a payment of this merchant in this currency posts to. Inside a transaction they are
     * remembered as opened only once it commits: one that rolls back takes the accounts with it.
     */
    void open(String merchantId, String currency, String method) {
        String key = merchantId + ":" + currency + ":" + method;
        if (opened.contains(key)) {
            return;
        }
        List<AccountResult> results = ledger.createAccounts(List.of(
                NewAccount.of(clearing(method, currency), currency, AccountType.ASSET, "platform"),
                NewAccount.of(feeRevenue(currency), currency, AccountType.REVENUE, "platform"),
                NewAccount.of(pending(merchantId, currency), currency, AccountType.LIABILITY, merchantId),
                NewAccount.of(available(merchantId, currency), currency, AccountType.LIABILITY, merchantId)));
        for (AccountResult r : results) {
            if (!r.succeeded()) {
                throw new IllegalStateException("opening ledger account " + r.id() + " failed: " + r.code());
            }
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    opened.add(key);
                }
            });
        } else {
            opened.add(key);
        }
    }

    /**
     * A sale: the captured amount to the merchant, the fee from the merchant to the platform, all or nothing: a linked
     * chain of its own; {@link #post} posts several chains at once.
     */
    List<TransferRequest> saleTransfers(String paymentId, String merchantId, String method, Money amount, long fee) {
        return withFee(TransferRequest.posted(paymentId + ":capture", clearing(method, amount.currency()), pending(merchantId, amount.currency()),
                amount).withCode("payment").withReference(paymentId), paymentId, merchantId, amount.currency(), fee);
    }

    /** An authorization: the amount held on the merchant's pending balance until captured or released. */
    List<TransferRequest> authorizationTransfers(String paymentId, String merchantId, Money amount) {
        return List.of(TransferRequest.hold(paymentId + ":auth", clearing("card", amount.currency()), pending(merchantId, amount.currency()),
                amount, AUTHORIZATION_HOLD_SECONDS).withCode("authorization").withReference(paymentId));
    }

    /**
     * A capture of part or all of an authorization (the rest is released), with its fee. Answers the
     * ledger's code: {@code PENDING_TRANSFER_EXPIRED} when the authorization ran out.
     */
    TransferResult.Code postCapture(String paymentId, String merchantId, Money captured, long fee) {
        List<TransferResult> results = ledger.createTransfers(withFee(
                TransferRequest.post(paymentId + ":capture", paymentId + ":auth", captured.amount())
                        .withCode("payment").withReference(paymentId), paymentId, merchantId, captured.currency(), fee));
        for (TransferResult r : results) {
            if (r.code() == TransferResult.Code.PENDING_TRANSFER_EXPIRED) {
                return r.code();
            }
        }
        requireSucceeded(results);
        return TransferResult.Code.OK;
    }

    /**
     * A capture the acquirer approved after the authorization's hold had run out here: the acquirer has the money, so
     * the sale is booked as a sale of its own instead of a post of the lapsed hold.
     */
    void postCaptureWithoutHold(String paymentId, String merchantId, Money captured, long fee) {
        post(withFee(TransferRequest.posted(paymentId + ":capture_after_expiry", clearing("card", captured.currency()),
                pending(merchantId, captured.currency()), captured).withCode("payment").withReference(paymentId), paymentId, merchantId,
                captured.currency(), fee));
    }

    void postRelease(String paymentId) {
        TransferResult r = ledger.createTransfer(TransferRequest.voidHold(paymentId + ":release", paymentId + ":auth")
                .withCode("authorization_release").withReference(paymentId));
        if (!r.succeeded() && r.code() != TransferResult.Code.PENDING_TRANSFER_EXPIRED) {
            throw new IllegalStateException("ledger refused " + r.id() + ": " + r.code());
        }
    }

    /** A refund: back from the merchant's pending balance to clearing. The fee is not returned. */
    void postRefund(String refundId, String paymentId, String merchantId, String method, Money amount) {
        post(List.of(TransferRequest.posted(refundId, pending(merchantId, amount.currency()), clearing(method, amount.currency()), amount)
                .withCode("refund").withReference(paymentId)));
    }

    private static List<TransferRequest> withFee(TransferRequest money, String paymentId, String merchantId, String currency, long fee) {
        List<TransferRequest> chain = new ArrayList<>();
        if (fee == 0) {
            chain.add(money);
            return chain;
        }
        chain.add(money.linkedToNext());
        chain.add(TransferRequest.posted(paymentId + ":fee", pending(merchantId, currency), feeRevenue(currency), new Money(fee, currency))
                .withCode("payment_fee").withReference(paymentId));
        return chain;
    }

    /** Posts chains of transfers in one ledger batch; fails, posting nothing, if the ledger refuses any. */
    void post(List<TransferRequest> transfers) {
        if (transfers.isEmpty()) {
            return;
        }
        requireSucceeded(ledger.createTransfers(transfers));
    }

    private static void requireSucceeded(List<TransferResult> results) {
        for (TransferResult r : results) {
            if (!r.succeeded()) {
                throw new IllegalStateException("ledger refused " + r.id() + ": " + r.code());
            }
        }
    }
}
