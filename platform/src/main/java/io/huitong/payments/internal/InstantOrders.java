package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.GroupCommit;
import io.huitong.payments.channel.InstantOrderChannel;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.domain.ChannelRef;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.risk.Assessment;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Order payments at a channel in the platform's own database ({@link InstantOrderChannel}: a Huitong wallet's payment
 * code), each written whole in one transaction shared with other payments' ({@link GroupCommit}): the payment's row,
 * already {@code succeeded} with its answer, the sale's postings and event, the channel's debit and risk control's
 * decision. No intent goes to disk first, as it must before an acquirer hears of a payment: the channel acts in the
 * same transaction, so the payment and the debit commit together or not at all, and a repeat of a request that died
 * finds either both or neither (the code still valid).
 *
 * <p>A batch in which any payment is refused (a used code, a limit, a key used before) is rolled back whole, and each of
 * its payments is written again alone: a refused one is then written {@code failed}, with the channel's refusal.
 */
final class InstantOrders {

    /** A payment its channel readied, to be written paid together with the channel's debit. */
    private record Order<T>(Transitions.Move.To paid, Assessment assessed, InstantOrderChannel<T> channel, T order) {

        String id() {
            return paid.next().id();
        }
    }

    /** What writing an order came to: a stored payment (this one, or an earlier one under the key), or the channel's refusal. */
    private sealed interface Written {
        record Stored(PaymentRecord payment) implements Written {
        }

        record Refused(OrderResult.Declined declined) implements Written {
        }
    }

    private final Transitions transitions;
    private final Outcomes outcomes;
    private final RiskCheck risk;
    private final Answers answers;
    private final Clock clock;
    private final GroupCommit<Order<?>, Written> commits;

    InstantOrders(Transitions transitions, Outcomes outcomes, RiskCheck risk, Answers answers, Clock clock) {
        this.transitions = transitions;
        this.outcomes = outcomes;
        this.risk = risk;
        this.answers = answers;
        this.clock = clock;
        this.commits = new GroupCommit<>("instant order payments", GroupCommit.Writer.of(Order::id,
                batch -> transitions.inTx(() -> write(batch)), this::writeOne), 64,
                TransactionSynchronizationManager::isActualTransactionActive);
    }

    /**
     * Pays a new {@code processing} payment at {@code channel} by {@code request}, with risk control's {@code assessed}
     * decision: answers the payment as stored (succeeded, or failed with the channel's refusal), or the payment an earlier
     * request made under its idempotency key.
     */
    <T> PaymentRecord pay(PaymentRecord payment, Merchant merchant, InstantOrderChannel<T> channel, OrderRequest request,
                          Assessment assessed) {
        return switch (channel.ready(request)) {
            case InstantOrderChannel.Refused<T> refused -> failed(payment, channel.name(), refused.declined(), assessed);
            case InstantOrderChannel.Ready<T> ready -> {
                PaymentRecord onChannel = payment.with(ChannelRef.of(channel.name()))
                        .with(payment.order().opened(ready.channelReference(), null, null));
                if (!(outcomes.approved(onChannel, merchant, DbTimes.now(clock)) instanceof Transitions.Move.To to)
                        || to.next().status() != PaymentStatus.SUCCEEDED) {
                    throw new IllegalStateException("an order paid at once is a sale: " + payment.id());
                }
                Transitions.Move.To paid = new Transitions.Move.To(answers.answered(payment, to.next(), null), to.postings());
                yield switch (commits.submit(new Order<>(paid, assessed, channel, ready.order()))) {
                    case Written.Stored stored -> stored.payment();
                    case Written.Refused refused -> failed(payment, channel.name(), refused.declined(), assessed);
                };
            }
        };
    }

    /** Writes the orders in the current transaction; throws if any of them could not be (nothing is then written). */
    private Map<String, Written> write(List<Order<?>> batch) {
        // the channels pay before the sales post: a channel's debit locks what its refunds lock, in the same order
        transitions.beginAll(batch.stream().map(Order::paid).toList(), () -> batch.stream()
                .collect(Collectors.groupingBy(Order::channel, LinkedHashMap::new, Collectors.toList())).forEach(InstantOrders::payAll));
        risk.record(batch.stream().map(Order::assessed).filter(Objects::nonNull).toList());
        Map<String, Written> written = new LinkedHashMap<>();
        batch.forEach(o -> written.put(o.id(), new Written.Stored(o.paid().next())));
        return written;
    }

    private Written writeOne(Order<?> order) {
        try {
            return transitions.inTx(() -> write(List.of(order))).get(order.id());
        } catch (DuplicateKeyException e) {
            return new Written.Stored(transitions.earlier(order.paid().next(), e));
        } catch (RuntimeException e) {
            Optional<OrderResult.Declined> refused = order.channel().refusal(e);
            if (refused.isEmpty()) {
                throw e;
            }
            return new Written.Refused(refused.get());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void payAll(InstantOrderChannel<T> channel, List<Order<?>> orders) {
        channel.payAll(orders.stream().map(o -> (T) o.order()).toList());
    }

    /** Writes the payment {@code failed} with the channel's refusal, and risk control's decision with it. */
    private PaymentRecord failed(PaymentRecord payment, String channel, OrderResult.Declined declined, Assessment assessed) {
        PaymentRecord next = outcomes.failed(payment.with(ChannelRef.of(channel)), declined.code(), declined.message(),
                DbTimes.now(clock)).next();
        return transitions.begin(answers.answered(payment, next, null), () -> risk.record(assessed));
    }
}
