package io.huitong.channels.iso20022;

import io.huitong.payments.channel.OrderStatus;
import io.huitong.wallets.BankPayouts;
import java.util.List;

/**
 * Wallet withdrawals paid out through the ISO 20022 bank: each payout is a pain.001 of one credit transfer,
 * named for good by the withdrawal's reference, and its later status is asked with pacs.028. What the
 * bank could not be asked about, or did not answer in time, stays pending: the withdrawal's money is held
 * until the bank says.
 */
public final class BankPayoutsConnector implements BankPayouts {

    private final Iso20022BankChannel bank;

    public BankPayoutsConnector(Iso20022BankChannel bank) {
        this.bank = bank;
    }

    @Override
    public Result send(Payout payout) {
        PayoutResult result = bank.payouts(List.of(new BankPayout(payout.reference(), payout.amount(), payout.bankCode(),
                payout.accountNumber(), payout.accountName(), "Huitong wallet withdrawal " + payout.reference()))).getFirst();
        return switch (result) {
            case PayoutResult.Settled s -> new Result.Settled(s.reference());
            case PayoutResult.Rejected r -> new Result.Rejected(r.code(), r.message());
            case PayoutResult.Pending p -> new Result.Pending();
            case PayoutResult.Unavailable u -> new Result.Pending();
            case PayoutResult.Unknown u -> new Result.Pending();
        };
    }

    @Override
    public Result status(String reference) {
        return switch (bank.query(reference)) {
            case OrderStatus.Paid p -> new Result.Settled(p.channelReference());
            case OrderStatus.Failed f -> new Result.Rejected(f.code(), f.message());
            // never received (the send did not reach the bank): nothing left the settlement account
            case OrderStatus.NotFound n -> new Result.Rejected("payout_not_received", "The bank never received the payout.");
            case OrderStatus.Pending p -> new Result.Pending();
            case OrderStatus.Unknown u -> new Result.Pending();
        };
    }
}
