package io.huitong.wallets.internal;

import io.huitong.identity.Merchants;
import io.huitong.identity.NewMerchant;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Money;
import io.huitong.ledger.TransferRequest;
import io.huitong.payments.NewPayment;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refusal;
import io.huitong.payments.Payments;
import io.huitong.wallets.NewTopUp;
import io.huitong.wallets.TopUp;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * Top-ups from a card. A top-up is a card payment of an internal merchant ("Huitong wallet top-ups", no
 * fee), made through payments like any other; when it succeeds, the wallet is credited by a transfer from
 * that merchant's pending balance to the wallet ({@code top_x:credit}, so it happens once). A payment whose
 * outcome is not known yet leaves the top-up {@code pending}; {@link #resolveDue} settles it later. A top-up does not count
 * against the wallet's class (a wallet of any class, or of none, may be topped up); a frozen wallet takes none.
 */
final class TopUps {

    private static final Logger log = LoggerFactory.getLogger(TopUps.class);
    static final String MERCHANT_SETTING = "topup_merchant";
    private static final String COLUMNS = "t.id, w.user_id, t.wallet_id, t.amount, t.currency, t.status, t.payment_id, t.failure_code,"
            + " t.failure_message, t.created_at";

    private final WalletService wallets;
    private final WalletStore store;
    private final Payments payments;
    private final Merchants merchants;
    private volatile String merchantId;

    TopUps(WalletService wallets, Payments payments, Merchants merchants) {
        this.wallets = wallets;
        this.store = wallets.store();
        this.payments = payments;
        this.merchants = merchants;
    }

    private record Row(String id, String userId, String walletId, long amount, String currency, String status, String paymentId,
                       String failureCode, String failureMessage, Instant createdAt) {
    }

    /** The internal merchant whose card payments are top-ups: created on first need, remembered in {@code wallet_setting}. */
    synchronized String merchant() {
        if (merchantId != null) {
            return merchantId;
        }
        Optional<String> known = store.setting(MERCHANT_SETTING);
        if (known.isPresent()) {
            merchantId = known.get();
            return merchantId;
        }
        String created = merchants.onboard(new NewMerchant("Huitong wallet top-ups", "topups@wallet.huitong.internal", "CNY", "T1", null, 0, 0L))
                .merchant().id();
        try {
            store.insertSetting(MERCHANT_SETTING, created);
            merchantId = created;
        } catch (DuplicateKeyException e) {
            // another instance created one at the same moment: theirs is the one, ours takes no payments
            merchantId = store.setting(MERCHANT_SETTING).orElseThrow(() -> e);
        }
        return merchantId;
    }

    TopUp topUp(String userId, NewTopUp request) {
        WalletStore.WalletRow wallet = wallets.ensure(userId);
        Money amount = new Money(request.amount(), request.currency());
        wallets.openAccount(userId, amount.currency());
        String merchant = merchant();
        String id = wallets.ids().next("top");
        Instant created = wallets.inTx(() -> {
            Instant now = wallets.now();
            if (store.lock(wallet.id()).frozen()) {
                throw WalletErrors.frozen();
            }
            store.jdbc().sql("insert into wallet_topup (id, wallet_id, amount, currency, status, created_at, updated_at)"
                            + " values (?, ?, ?, ?, 'pending', ?, ?)")
                    .params(id, wallet.id(), amount.amount(), amount.currency(), DbTimes.at(now), DbTimes.at(now)).update();
            return now;
        });
        NewTopUp.Card card = request.card();
        Payment payment;
        try {
            payment = payments.create(merchant, new NewPayment(amount.amount(), amount.currency(),
                    new NewPayment.PaymentMethodInput("card", new NewPayment.CardInput(card.number(), card.expMonth(), card.expYear(),
                            card.cvc()), null, null, null), "automatic", true, "Wallet top-up", Map.of("wallet_topup", id), request.riskContext()), id);
        } catch (PaymentRefused e) {
            Refusal.Declined declined = e.refusal() instanceof Refusal.Declined d ? d : null;
            fail(id, declined == null ? null : declined.payment(), e.refusal().code(), e.getMessage());
            if (declined != null && declined.by() == Refusal.DeclinedBy.RISK) {
                throw ApiException.riskBlocked(null);
            }
            if (declined != null) {
                throw ApiException.cardError(declined.code(), declined.message(),
                        declined.param() == null ? null : declined.param().replace("payment_method.", ""), null);
            }
            throw e;
        }
        settle(id, payment);
        return view(find(id).orElseThrow(), payment);
    }

    Optional<TopUp> find(String userId, String topUpId) {
        return find(topUpId).filter(r -> r.userId().equals(userId)).map(r -> view(r, null));
    }

    /** Applies what became of the top-up's payment: credit on success, failure on failure; otherwise it stays pending. */
    void settle(String topUpId, Payment payment) {
        switch (payment.status()) {
            case "succeeded" -> credit(topUpId, payment);
            case "failed", "canceled" -> fail(topUpId, payment.id(), payment.failureCode() == null ? "card_declined" : payment.failureCode(),
                    payment.failureMessage());
            default -> store.jdbc().sql("update wallet_topup set payment_id = ? where id = ? and payment_id is null")
                    .params(payment.id(), topUpId).update();
        }
    }

    private void credit(String topUpId, Payment payment) {
        wallets.inTx(() -> {
            Row row = lock(topUpId);
            if (!"pending".equals(row.status())) {
                return null;
            }
            Instant now = wallets.now();
            Money amount = new Money(row.amount(), row.currency());
            wallets.post(TransferRequest.posted(topUpId + ":credit", merchant() + ":pending:" + row.currency(),
                    WalletService.account(row.userId(), row.currency()), amount).withCode("wallet_topup").withReference(topUpId));
            store.jdbc().sql("update wallet_topup set status = 'succeeded', payment_id = ?, updated_at = ? where id = ?")
                    .params(payment.id(), DbTimes.at(now), topUpId).update();
            store.insertTxn(wallets.ids().next("wtx"), row.walletId(), row.userId(), "topup", row.amount(), row.currency(), "succeeded",
                    cardOf(payment), topUpId, now);
            return null;
        });
    }

    private void fail(String topUpId, String paymentId, String code, String message) {
        wallets.inTx(() -> {
            Row row = lock(topUpId);
            if ("pending".equals(row.status())) {
                store.jdbc().sql("update wallet_topup set status = 'failed', payment_id = coalesce(?, payment_id), failure_code = ?,"
                                + " failure_message = ?, updated_at = ? where id = ?")
                        .params(paymentId, code, message == null ? null : message.substring(0, Math.min(500, message.length())),
                                DbTimes.at(wallets.now()), topUpId).update();
            }
            return null;
        });
    }

    /** Looks at pending top-ups whose payment may have settled; answers how many were settled. */
    int resolveDue() {
        List<String[]> pending = store.jdbc().sql("select id, payment_id from wallet_topup where status = 'pending' and payment_id is not null"
                + " order by created_at limit 100").query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        int settled = 0;
        for (String[] p : pending) {
            try {
                Optional<Payment> payment = payments.find(merchant(), p[1]);
                if (payment.isPresent() && !List.of("processing", "requires_action", "requires_confirmation").contains(payment.get().status())) {
                    settle(p[0], payment.get());
                    settled++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not settle top-up {} yet: {}", p[0], e.toString());
            }
        }
        return settled;
    }

    private static String cardOf(Payment payment) {
        if (payment.paymentMethod() == null || payment.paymentMethod().card() == null) {
            return null;
        }
        return payment.paymentMethod().card().brand() + " •••• " + payment.paymentMethod().card().last4();
    }

    private Optional<Row> find(String topUpId) {
        return store.jdbc().sql("select " + COLUMNS + " from wallet_topup t join wallet w on w.id = t.wallet_id where t.id = ?")
                .params(topUpId).query(TopUps::row).optional();
    }

    private Row lock(String topUpId) {
        store.jdbc().sql("select id from wallet_topup where id = ? for update").params(topUpId).query(String.class).single();
        return find(topUpId).orElseThrow();
    }

    private TopUp view(Row r, Payment payment) {
        TopUp.NextAction next = null;
        if ("pending".equals(r.status()) && payment != null && payment.nextAction() != null && payment.nextAction().url() != null) {
            next = new TopUp.NextAction(payment.nextAction().type(), payment.nextAction().url());
        }
        return new TopUp(r.id(), "wallet_topup", r.amount(), r.currency(), r.status(), r.paymentId(), r.failureCode(), r.failureMessage(),
                next, r.createdAt());
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), DbTimes.instant(rs, 10));
    }
}
