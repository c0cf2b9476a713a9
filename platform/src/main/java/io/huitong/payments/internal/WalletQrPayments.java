package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Money;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refusal;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.PayerAccount;
import io.huitong.payments.domain.ChannelRef;
import io.huitong.payments.domain.Failure;
import io.huitong.payments.domain.PaymentMethod;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.payments.domain.Resolution;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * A consumer pays a merchant's {@code qr} payment from their Huitong wallet: the order is closed at the QR channel
 * (so the payer cannot pay it there as well), then opened at the wallet channel with the consumer as payer. A wallet
 * that cannot pay after all (emptied meanwhile) leaves the merchant's payment waiting to be scanned again, not failed:
 * the payer is refused, the merchant's customer can still pay.
 */
class WalletQrPayments {

    private final Transitions transitions;
    private final OrderFlow orders;
    private final OrderSettlement settlement;
    private final OrderChannelBook channels;
    private final MerchantAccounts accounts;
    private final MerchantLookup merchants;
    private final PaymentStore payments;
    private final PaymentsProperties properties;
    private final Clock clock;

    WalletQrPayments(Transitions transitions, OrderFlow orders, OrderSettlement settlement, OrderChannelBook channels,
                     MerchantAccounts accounts, MerchantLookup merchants, PaymentStore payments,
                     PaymentsProperties properties, Clock clock) {
        this.transitions = transitions;
        this.orders = orders;
        this.settlement = settlement;
        this.channels = channels;
        this.accounts = accounts;
        this.merchants = merchants;
        this.payments = payments;
        this.properties = properties;
        this.clock = clock;
    }

    PaymentRecord pay(String paymentId, String userId, Money expected) {
        PaymentRecord payment = payments.find(paymentId == null ? "" : paymentId).filter(p -> p.method() == PaymentMethod.QR)
                .orElseThrow(() -> new PaymentRefused(new Refusal.NotFound("QR payment", paymentId, "qr_payload")));
        if (payment.status() != PaymentStatus.REQUIRES_ACTION) {
            throw wrongState(payment);
        }
        if (expected != null && !expected.equals(payment.money())) {
            throw new PaymentRefused(new Refusal.WrongState("payment_unexpected_state",
                    "The QR code's amount is not the payment's; scan the code again."));
        }
        OrderChannel wallet = channels.find(OrderChannelBook.WALLET_CHANNEL).orElseThrow(() -> new PaymentRefused(
                new Refusal.ChannelUnavailable("Payments from Huitong wallets are not offered right now.")));
        String shownAt = payment.channel().name();
        if (shownAt != null && !shownAt.equals(wallet.name())
                && !(settlement.close(payment) instanceof OrderSettlement.Closing.Closed)) {
            throw wrongState(payments.find(payment.id()).orElseThrow());
        }
        Merchant merchant = merchants.of(payment.merchantId());
        Transitions.Result taken = transitions.transition(paymentId, Set.of(PaymentStatus.REQUIRES_ACTION), current -> {
            Instant now = DbTimes.now(clock);
            return new Transitions.Move.To(current.moved(PaymentStatus.PROCESSING, now).with(ChannelRef.of(wallet.name()))
                    .with(Resolution.at(now.plus(properties.resolver().firstLook()))));
        });
        if (!taken.applied()) {
            throw wrongState(taken.payment());
        }
        accounts.open(payment.merchantId(), payment.currency(), wallet.method());
        OrderResult result = wallet.open(orders.request(payment, merchant, wallet, new PayerAccount(null, userId, null), null));
        if (result instanceof OrderResult.Declined declined) {
            return backToWaiting(payment, shownAt, declined);
        }
        return orders.applyOpened(payment.id(), merchant, wallet, result, null);
    }

    /**
     * The wallet refused (emptied meanwhile, or frozen): the payment waits to be scanned again until its order's expiry,
     * and the consumer is told why.
     */
    private PaymentRecord backToWaiting(PaymentRecord before, String shownAt, OrderResult.Declined declined) {
        transitions.transition(before.id(), Set.of(PaymentStatus.PROCESSING), current -> {
            Instant now = DbTimes.now(clock);
            Instant expiry = current.order().expiresAt() != null ? current.order().expiresAt() : now.plus(properties.orderExpiry());
            return new Transitions.Move.To(current.moved(PaymentStatus.REQUIRES_ACTION, now).with(ChannelRef.of(shownAt))
                    .with(Failure.NONE).with(Resolution.at(expiry)));
        });
        throw new PaymentRefused(new Refusal.Declined(Refusal.DeclinedBy.CHANNEL, declined.code(), declined.message(), null, null));
    }

    private static PaymentRefused wrongState(PaymentRecord payment) {
        return new PaymentRefused(Refusal.WrongState.payment(payment.status().wireName(), "paid from a wallet"));
    }
}
