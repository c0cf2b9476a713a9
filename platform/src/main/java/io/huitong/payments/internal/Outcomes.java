package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.domain.ChannelRef;
import io.huitong.payments.domain.Failure;
import io.huitong.payments.domain.Fees;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.payments.domain.Resolution;
import io.huitong.risk.Risk;
import io.huitong.risk.RiskDecision;
import io.huitong.risk.RiskRequest;
import io.huitong.vault.Vault;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moves a channel's answer leads to, shared by every flow that asks a channel: approved (a sale, an
 * authorization, or one held for review), declined, the payer must act, or no answer yet. Each runs inside the
 * payment's transition, posting to the ledger there.
 */
class Outcomes {

    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    private final MerchantAccounts accounts;
    private final OrderChannelBook orderChannels;
    private final Risk risk;
    private final Vault vault;
    private final PaymentsProperties properties;
    private final SecureRandom random = new SecureRandom();

    Outcomes(MerchantAccounts accounts, OrderChannelBook orderChannels, Risk risk, Vault vault, PaymentsProperties properties) {
        this.accounts = accounts;
        this.orderChannels = orderChannels;
        this.risk = risk;
        this.vault = vault;
        this.properties = properties;
    }

    /** The move a channel's answer to a {@code processing} payment leads to. */
    Transitions.Move apply(PaymentRecord current, Merchant merchant, String channel, ChannelResult result, Instant now) {
        ChannelRef ref = ChannelRef.of(channel);
        return switch (result) {
            case ChannelResult.Approved approved ->
                    approved(current.with(new ChannelRef(channel, approved.authorizationCode())), merchant, now);
            case ChannelResult.Declined declined -> failed(current.with(ref), declined.code(), declined.message(), now);
            case ChannelResult.ActionRequired action -> new Transitions.Move.To(
                    current.with(ref).moved(PaymentStatus.REQUIRES_ACTION, now).withActionToken(newToken()));
            case ChannelResult.Unavailable unavailable ->
                    failed(current.with(ref), "processing_error", "No channel could process the payment; try again.", now);
            case ChannelResult.Unknown unknown -> {
                log.warn("Payment {}: no answer from {} ({}); the resolver will find out", current.id(), channel, unknown.reason());
                yield new Transitions.Move.Waiting(current.with(ref)
                        .with(new Resolution(now.plus(properties.resolver().firstLook()), current.resolution().attempts())));
            }
        };
    }

    /**
     * The channel took the money: a sale succeeds with its postings; a manual capture waits for the merchant with the
     * authorization held; a card payment risk control sent to review is held, processing, until an analyst decides.
     */
    Transitions.Move approved(PaymentRecord current, Merchant merchant, Instant now) {
        if (current.riskReview() && current.isCard()) {
            PaymentRecord held = current.with(Resolution.NONE).with(current.amounts().authorized());
            RiskDecision decision = new RiskDecision(RiskDecision.Outcome.REVIEW, current.risk().score(), current.risk().reasons(), 0,
                    risk.cardFingerprint(vault.open(current.sealedAccount(), current.id())));
            risk.openReview(new RiskRequest(current.id(), "card_payment", current.merchantId(), null, current.amounts().amount(),
                    current.currency(), null, null, now), decision);
            return new Transitions.Move.Waiting(held, accounts.authorizationTransfers(current.id(), current.merchantId(), current.money()));
        }
        if (current.manualCapture()) {
            return new Transitions.Move.To(current.moved(PaymentStatus.REQUIRES_CAPTURE, now).with(current.amounts().authorized()),
                    accounts.authorizationTransfers(current.id(), current.merchantId(), current.money()));
        }
        long fee = Fees.of(current.amounts().amount(), merchant.feePercentBps(), merchant.feeFixed());
        return new Transitions.Move.To(current.moved(PaymentStatus.SUCCEEDED, now).with(current.amounts().captured(current.amounts().amount(), fee))
                .withActionToken(null),
                accounts.saleTransfers(current.id(), current.merchantId(), orderChannels.clearingMethod(current), current.money(), fee));
    }

    Transitions.Move.To failed(PaymentRecord current, String code, String message, Instant now) {
        return new Transitions.Move.To(current.moved(PaymentStatus.FAILED, now).with(new Failure(code, message)).withActionToken(null));
    }

    /** A fresh token for the hosted step-up page: unguessable, shown only in the payment's {@code next_action}. */
    String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
