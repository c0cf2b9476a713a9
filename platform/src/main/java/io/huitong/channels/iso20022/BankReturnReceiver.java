package io.huitong.channels.iso20022;

import io.huitong.channels.NotificationReceiver.Reply;
import io.huitong.kernel.Money;
import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.Iso20022FormatException;
import io.huitong.protocols.iso20022.PaymentReturn;
import io.huitong.wallets.PayoutReturns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pacs.004 the bank pushed, its signature already checked: a payout it paid and got back. Handed to each owner of
 * payouts in turn ({@link PayoutReturns}: settlement's merchant payouts, wallets' withdrawals) until one knows it. Answers
 * 200 when applied, or applied before (the bank may push a return again); 404 for a payout no one knows; 409 for one
 * that cannot be returned so; 400 for what is not a return.
 */
final class BankReturnReceiver {

    private static final Logger log = LoggerFactory.getLogger(BankReturnReceiver.class);

    private final String channel;
    private final Iso20022Codec codec;
    private final Supplier<List<PayoutReturns>> owners;

    BankReturnReceiver(String channel, Iso20022Codec codec, Supplier<List<PayoutReturns>> owners) {
        this.channel = channel;
        this.codec = codec;
        this.owners = owners;
    }

    Reply receive(byte[] body) {
        PaymentReturn r;
        try {
            r = codec.readPaymentReturn(new String(body, StandardCharsets.UTF_8));
        } catch (Iso20022FormatException e) {
            log.warn("{} return refused: {}", channel, e.getMessage());
            return text(400, "not a pacs.004 payment return: " + e.getMessage());
        }
        if (r.amount() <= 0 || r.currency() == null || r.reason() == null || r.reason().isBlank()) {
            log.warn("{} return {} of {} refused: no positive amount, currency or reason", channel, r.returnId(), r.originalReference());
            return text(400, "a return names a positive amount, its currency and a reason");
        }
        Money amount;
        try {
            amount = new Money(r.amount(), r.currency());
        } catch (IllegalArgumentException e) {
            return text(400, "unreadable amount: " + e.getMessage());
        }
        PayoutReturns.Return returned = new PayoutReturns.Return(r.returnId(), r.originalReference(), amount, r.reason());
        for (PayoutReturns owner : owners.get()) {
            PayoutReturns.Outcome outcome = owner.returned(returned);
            switch (outcome) {
                case UNKNOWN -> {
                    continue;
                }
                case RETURNED, ALREADY_RETURNED -> {
                    log.info("{} return {} of {} ({}): {}", channel, r.returnId(), r.originalReference(), r.reason(), outcome);
                    return text(200, "ok");
                }
                case REFUSED -> {
                    log.warn("{} return {} of {} ({}) refused: the payout cannot be returned so", channel, r.returnId(),
                            r.originalReference(), r.reason());
                    return text(409, "payout " + r.originalReference() + " cannot be returned so");
                }
            }
        }
        log.warn("{} return {} refused: no payout {}", channel, r.returnId(), r.originalReference());
        return text(404, "no payout " + r.originalReference());
    }

    private static Reply text(int status, String body) {
        return new Reply(status, "text/plain", body);
    }
}
