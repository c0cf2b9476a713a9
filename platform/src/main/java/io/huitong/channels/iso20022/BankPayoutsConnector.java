package io.huitong.channels.iso20022;

import io.huitong.payments.channel.OrderStatus;
import io.huitong.wallets.BankPayouts;
import java.util.List;

/**
 * Wallet withdrawals and merchant payouts paid out through the ISO 20022 bank: a payout alone is a pain.001 of one
 * credit transfer, named for good by its reference; a batch is one pain.001 whose message and payment information id
 * is the batch's reference, asking the bank to book it as one entry ({@code BtchBookg}). A payout's later status is
 * asked with pacs.028. What the bank could not be asked about, or did not answer in time, stays pending: the money is
 * held until the bank says.
 */
public final class BankPayoutsConnector implements BankPayouts {

    private final Iso20022BankChannel bank;

    public BankPayoutsConnector(Iso20022BankChannel bank) {
        this.bank = bank;
    }

    @Override
    public Result send(Payout payout) {
        return result(bank.payouts(List.of(new BankPayout(payout.reference(), payout.amount(), payout.bankCode(),
                payout.accountNumber(), payout.accountName(), "Huitong wallet withdrawal " + payout.reference()))).getFirst());
    }

    @Override
    public List<Result> send(String batchReference, List<Payout> payouts) {
        return bank.payouts(batchReference, true, payouts.stream().map(p -> new BankPayout(p.reference(), p.amount(), p.bankCode(),
                p.accountNumber(), p.accountName(), "Huitong payout " + p.reference())).toList()).stream().map(BankPayoutsConnector::result).toList();
    }

    private static Result result(PayoutResult result) {
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
