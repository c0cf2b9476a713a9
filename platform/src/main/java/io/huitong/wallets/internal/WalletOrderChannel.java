package io.huitong.wallets.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Money;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.InstantOrderChannel;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.payments.channel.PayerAccount;
import io.huitong.wallets.AccountClass;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Huitong wallets as a channel payments can take money through: the order channel {@code wallet}, for the
 * method {@code payment_code}. The payer is a payment code a merchant scanned, or, when a consumer pays a
 * merchant's QR payment from the wallet, the consumer's user id ({@code usr_...}, which payments alone can
 * name: a merchant's request carries 18 digits).
 *
 * <p>Opening an order pays it at once or not at all, in one database transaction (shared with other wallets'
 * payments, {@link WalletDebits}); a payment by code is paid in the payment's own transaction instead, shared with
 * other payments' ({@link InstantOrderChannel}: {@link #ready}, then {@link #payAll}). Paying: the wallet's row is
 * locked, the code consumed (a conditional update: unused and not expired), freezing and the class's limit checked and
 * the payment counted against the class on that row, the wallet debited into {@code platform:wallet_clearing} and the
 * history line written. A refund gives the class back what it refunds. A refusal rolls all of it back, so the code
 * stays valid. The payment's id names the debit ({@code pay_x:wallet}) and the history line, so opening the same order
 * again pays nothing twice. Codes are issued by {@link PaymentCodes}.
 */
final class WalletOrderChannel implements InstantOrderChannel<WalletDebits.Debit> {

    static final String NAME = "wallet";
    static final String METHOD = "payment_code";
    /** A consumer's standing ({@link PayingConsumer#standing()}) when no channel verified them: their wallet has no class. */
    private static final String NO_CLASS = "none";

    private final WalletService wallets;
    private final WalletStore store;
    private final Ledger ledger;
    private final Set<String> opened = ConcurrentHashMap.newKeySet();
    private final WalletDebits debits;
    private final CodeHolders holders;

    WalletOrderChannel(WalletService wallets, Ledger ledger, CodeHolders holders) {
        this.wallets = wallets;
        this.holders = holders;
        this.debits = new WalletDebits(wallets);
        this.store = wallets.store();
        this.ledger = ledger;
    }

    static String clearing(String currency) {
        return "platform:wallet_clearing:" + currency;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String method() {
        return METHOD;
    }

    // ---- the channel ----

    @Override
    public OrderResult open(OrderRequest request) {
        PayerAccount payer = request.payer();
        if (payer != null && payer.accountNumber() != null && payer.accountNumber().startsWith("usr_")) {
            // a consumer paying a merchant's QR payment: the order may have been paid already
            Optional<WalletStore.TxnRow> earlier = store.txnByReference("payment", request.reference());
            if (earlier.isPresent()) {
                return new OrderResult.Paid(channelReference(earlier.get().line().id()));
            }
        }
        return switch (ready(request)) {
            case Refused<WalletDebits.Debit> refused -> refused.declined();
            case Ready<WalletDebits.Debit> ready -> {
                try {
                    yield debits.debit(ready.order());
                } catch (RuntimeException e) {
                    yield refusal(e).orElseThrow(() -> e);
                }
            }
        };
    }

    /**
     * Finds the paying consumer (by the payment's code, or the consumer paying a merchant's QR payment) and opens the
     * accounts the debit posts to; an unknown code is refused at once.
     */
    @Override
    public Readied<WalletDebits.Debit> ready(OrderRequest request) {
        PayerAccount payer = request.payer();
        if (payer == null || payer.accountNumber() == null) {
            return new Refused<>(new OrderResult.Declined("invalid_payment_code", "The payment names no payment code."));
        }
        String payerRef = payer.accountNumber();
        boolean byCode = !payerRef.startsWith("usr_");
        Optional<String> userId = !byCode ? Optional.of(payerRef)
                : request.consumer() != null ? Optional.of(request.consumer().userId()) : userOfCode(payerRef);
        if (userId.isEmpty()) {
            return new Refused<>(invalidCode());
        }
        Money amount = request.amount();
        openClearing(amount.currency());
        if (!byCode) {
            wallets.ensure(userId.get()); // a code names a wallet that exists; a consumer paying a QR payment may have none yet
        }
        wallets.openAccount(userId.get(), amount.currency());
        Optional<AccountClass> accountClass = classOf(userId.get(), request.consumer());
        String txnId = wallets.ids().next("wtx");
        return new Ready<>(new WalletDebits.Debit(txnId, userId.get(), byCode ? payerRef : null, request.reference(), amount,
                request.merchantId(), request.merchantName(), accountClass), channelReference(txnId));
    }

    @Override
    public void payAll(List<WalletDebits.Debit> orders) {
        Map<String, OrderResult> paid = debits.payHere(orders);
        for (WalletDebits.Debit d : orders) {
            // a code this very payment had used already was paid before, under another reference
            if (!(paid.get(d.txnId()) instanceof OrderResult.Paid p) || !p.channelReference().equals(channelReference(d.txnId()))) {
                throw new IllegalStateException("the wallet had paid " + d.paymentId() + " before");
            }
        }
    }

    @Override
    public Optional<OrderResult.Declined> refusal(RuntimeException failure) {
        return switch (failure) {
            case WalletDebits.CodeRefused refused -> Optional.of(invalidCode());
            case ApiException e -> Optional.of(new OrderResult.Declined(e.code(), e.getMessage()));
            default -> Optional.empty();
        };
    }

    @Override
    public OrderStatus query(String reference) {
        boolean refund = reference.startsWith("re_");
        return store.txnByReference(refund ? "refund" : "payment", reference)
                .<OrderStatus>map(t -> new OrderStatus.Paid(channelReference(t.line().id()), new Money(Math.abs(t.line().amount()), t.line().currency())))
                .orElseGet(OrderStatus.NotFound::new);
    }

    @Override
    public ChannelResult close(String reference) {
        return store.txnByReference("payment", reference).isPresent()
                ? new ChannelResult.Declined("order_paid", "The order was paid from the wallet.")
                : new ChannelResult.Approved(null);
    }

    @Override
    public ChannelResult refund(String refundReference, String paymentReference, Money amount) {
        Optional<WalletStore.TxnRow> paid = store.txnByReference("payment", paymentReference);
        if (paid.isEmpty()) {
            return new ChannelResult.Declined("payment_not_found", "No wallet payment has this reference.");
        }
        Optional<WalletStore.TxnRow> earlier = store.txnByReference("refund", refundReference);
        if (earlier.isPresent()) {
            return new ChannelResult.Approved(channelReference(earlier.get().line().id()));
        }
        String walletId = paid.get().walletId();
        String userId = store.byId(walletId).orElseThrow().userId();
        String txnId = wallets.ids().next("wtx");
        openClearing(amount.currency());
        return wallets.inTx(() -> {
            WalletStore.WalletRow locked = store.lock(walletId);
            if (store.txnByReference("refund", refundReference).isPresent()) {
                return new ChannelResult.Approved(channelReference(store.txnByReference("refund", refundReference).get().line().id()));
            }
            wallets.post(TransferRequest.posted(refundReference + ":wallet", clearing(amount.currency()),
                    WalletService.account(userId, amount.currency()), amount).withCode("wallet_refund").withReference(paymentReference));
            store.insertTxn(txnId, walletId, userId, "refund", amount.amount(), amount.currency(), "succeeded", paid.get().line().counterparty(),
                    refundReference, wallets.now());
            wallets.classes().giveBack(locked, amount, paid.get().line().createdAt());
            return new ChannelResult.Approved(channelReference(txnId));
        });
    }

    /**
     * The wallet's reference of a payment or refund as payments records it (like an authorization code, at most
     * 12 characters): the random end of the history line's id.
     */
    static String channelReference(String txnId) {
        return txnId.substring(txnId.length() - 12);
    }

    @Override
    public Optional<PayingConsumer> consumerOf(PayerAccount payer) {
        if (payer == null || payer.accountNumber() == null) {
            return Optional.empty();
        }
        String ref = payer.accountNumber();
        Optional<String> user = ref.startsWith("usr_") ? Optional.of(ref) : userOfCode(ref);
        return user.flatMap(u -> wallets.classes().holder(u).map(h -> new PayingConsumer(u, h.since(), h.accountClass().map(Enum::name).orElse(NO_CLASS))));
    }

    /**
     * The class of the consumer's wallet: as {@link #consumerOf} judged it for this payment's risk decision when the
     * payment names the consumer it found (read a few milliseconds earlier, in the same request), else read now.
     */
    private Optional<AccountClass> classOf(String userId, PayingConsumer named) {
        if (named == null || !named.userId().equals(userId) || named.standing() == null) {
            return wallets.classOf(userId);
        }
        return NO_CLASS.equals(named.standing()) ? Optional.empty() : Optional.of(AccountClass.valueOf(named.standing()));
    }

    /** The consumer the code was issued to: as this node remembers it, else as stored. */
    private Optional<String> userOfCode(String code) {
        String hash = sha256(code);
        Optional<String> remembered = holders.holder(hash);
        if (remembered.isPresent()) {
            return remembered;
        }
        return store.jdbc().sql("select w.user_id from wallet_payment_code c join wallet w on w.id = c.wallet_id where c.code_hash = ?")
                .params(hash).query(String.class).optional();
    }

    private static OrderResult.Declined invalidCode() {
        return new OrderResult.Declined("invalid_payment_code", "The payment code is unknown, expired or already used.");
    }

    /** Opens the wallet clearing account exactly as payments opens it, so that either may be first. */
    private void openClearing(String currency) {
        if (opened.contains(currency)) {
            return;
        }
        AccountResult r = ledger.createAccount(NewAccount.of(clearing(currency), currency, AccountType.ASSET, "platform"));
        if (!r.succeeded()) {
            throw new IllegalStateException("opening ledger account " + r.id() + " failed: " + r.code());
        }
        opened.add(currency);
    }

    static String sha256(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
