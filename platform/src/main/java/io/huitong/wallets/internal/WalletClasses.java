package io.huitong.wallets.internal;

import io.huitong.kernel.Money;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.AccountClasses;
import io.huitong.wallets.Wallet;
import io.huitong.wallets.domain.ClassRules;
import io.huitong.wallets.domain.Outflow;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The wallets' payment-account classes at work: which class a wallet is in, whether it allows a movement out, and what
 * the wallet moved out as its class counts it, kept on the wallet's row ({@link WalletStore#count}), which the movement
 * has locked: movements of one wallet are judged and counted one at a time.
 */
final class WalletClasses {

    private final AccountClasses classes;
    private final ClassRules rules;
    private final WalletStore store;
    private final Supplier<Instant> now;

    WalletClasses(AccountClasses classes, ClassRules rules, WalletStore store, Supplier<Instant> now) {
        this.classes = classes;
        this.rules = rules;
        this.store = store;
        this.now = now;
    }

    Optional<AccountClass> classOf(String userId) {
        return classes.classOf(userId);
    }

    Optional<AccountClasses.Holder> holder(String userId) {
        return classes.holder(userId);
    }

    /** What a new wallet has moved out: nothing. */
    Outflow none(Instant at) {
        return Outflow.none(rules.yearOf(at));
    }

    /** What the wallet's class allows it, and how much of it is used. */
    Wallet.Allowance allowance(AccountClass accountClass, WalletStore.WalletRow wallet, Instant at) {
        Outflow outflow = outflow(wallet);
        return new Wallet.Allowance(ClassRules.CURRENCY, ClassRules.period(accountClass).name().toLowerCase(Locale.ROOT),
                rules.limit(accountClass), rules.used(accountClass, outflow, at), rules.remaining(accountClass, outflow, at));
    }

    /**
     * Refuses a movement out of the locked wallet that it is frozen for or that its class does not allow, and counts it
     * against the class on the wallet's row. Runs in the movement's transaction, after the wallet's lock was taken.
     */
    void checkOut(WalletStore.WalletRow locked, Optional<AccountClass> accountClass, Money amount, Instant now) {
        store.count(locked.id(), judge(locked, accountClass, amount, now));
    }

    /**
     * Refuses a movement out of the wallet that it is frozen for (403 {@code wallet_frozen}), that its holder's missing
     * verification forbids (403 {@code verification_required}) or that its class's limit does (402 {@code limit_exceeded});
     * answers what the wallet will have moved out with it. Counts nothing.
     */
    Outflow judge(WalletStore.WalletRow wallet, Optional<AccountClass> accountClass, Money amount, Instant now) {
        if (wallet.frozen()) {
            throw WalletErrors.frozen();
        }
        if (accountClass.isEmpty()) {
            throw WalletErrors.verificationRequired();
        }
        Outflow outflow = outflow(wallet);
        rules.refusal(accountClass.get(), outflow, amount, now).ifPresent(message -> {
            throw WalletErrors.limit(message, ClassRules.CURRENCY.equals(amount.currency()) ? "amount" : "currency");
        });
        return outflow.plus(amount.amount(), rules.yearOf(now));
    }

    /**
     * Gives {@code amount} back to the locked wallet's class, of a movement counted at {@code countedAt}: a refund of a
     * balance payment, a withdrawal to another's account that failed or came back. Only CNY is counted.
     */
    void giveBack(WalletStore.WalletRow locked, Money amount, Instant countedAt) {
        if (ClassRules.CURRENCY.equals(amount.currency()) && locked.outflow() != null) {
            store.count(locked.id(), locked.outflow().minus(amount.amount(), rules.yearOf(countedAt)));
        }
    }

    /** What the wallet moved out as its class counts it; for a wallet opened before that was kept, from its history. */
    Outflow outflow(WalletStore.WalletRow wallet) {
        if (wallet.outflow() != null) {
            return wallet.outflow();
        }
        Instant at = now.get();
        return new Outflow(store.countedSince(wallet.id(), Instant.EPOCH, true), store.countedSince(wallet.id(), rules.startOfYear(at), false),
                rules.yearOf(at));
    }
}
