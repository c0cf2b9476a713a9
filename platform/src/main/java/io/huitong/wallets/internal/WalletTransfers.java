package io.huitong.wallets.internal;

import io.huitong.consumers.User;
import io.huitong.consumers.Users;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Money;
import io.huitong.ledger.TransferRequest;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.NewWalletTransfer;
import io.huitong.wallets.WalletTransfer;
import java.time.Instant;
import java.util.Optional;

/**
 * Transfers between consumers' wallets, to a recipient named by their phone number: risk control decides first, then
 * one transaction checks the sender's class, posts the transfer, and writes the transfer and both history lines.
 */
final class WalletTransfers {

    private final WalletService wallets;
    private final WalletStore store;
    private final Users users;

    WalletTransfers(WalletService wallets, Users users) {
        this.wallets = wallets;
        this.store = wallets.store();
        this.users = users;
    }

    WalletTransfer transfer(String userId, NewWalletTransfer request) {
        WalletStore.WalletRow from = wallets.ensure(userId);
        User recipient = users.findByPhone(request.toPhone()).orElseThrow(() -> new ApiException(404, ErrorType.INVALID_REQUEST_ERROR,
                "resource_missing", "No consumer has this phone number.", "to_phone"));
        if (recipient.id().equals(userId)) {
            throw ApiException.invalid("to_phone", "A transfer goes to another consumer, not to yourself.");
        }
        User sender = wallets.user(userId);
        WalletStore.WalletRow to = wallets.ensure(recipient.id());
        Money amount = new Money(request.amount(), request.currency());
        wallets.openAccount(userId, amount.currency());
        wallets.openAccount(recipient.id(), amount.currency());
        Optional<AccountClass> accountClass = wallets.classes().classOf(userId);
        String id = wallets.ids().next("wtr");
        wallets.decide(id, "wallet_transfer", sender, amount.amount(), amount.currency(), request.riskContext(), request.otp());
        Instant now = wallets.inTx(() -> {
            Instant at = wallets.now();
            wallets.classes().checkOut(store.lock(from.id()), accountClass, amount, at);
            wallets.post(TransferRequest.posted(id, WalletService.account(userId, amount.currency()),
                    WalletService.account(recipient.id(), amount.currency()), amount).withCode("wallet_transfer").withReference(id));
            store.insertTransfer(id, from.id(), to.id(), amount.amount(), amount.currency(), request.note(), at);
            store.insertTxn(wallets.ids().next("wtx"), from.id(), userId, "transfer_out", -amount.amount(), amount.currency(), "succeeded",
                    recipient.phone(), id, at);
            store.insertTxn(wallets.ids().next("wtx"), to.id(), recipient.id(), "transfer_in", amount.amount(), amount.currency(), "succeeded",
                    sender.phone(), id, at);
            return at;
        });
        return new WalletTransfer(id, "wallet_transfer", amount.amount(), amount.currency(), recipient.phone(), request.note(),
                "succeeded", now);
    }
}
