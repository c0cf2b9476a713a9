package io.huitong.payments.internal;

import io.huitong.events.EventLog;
import io.huitong.ledger.TransferRequest;
import io.huitong.payments.Payment;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.payments.domain.PaymentTransitions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way a stored payment changes: {@link #transition} locks the row, checks that it is in one of the states
 * the step starts from, lets the step decide (and post to the ledger), checks the move against
 * {@link PaymentTransitions}, writes the row and records the events the move implies, all in one transaction
 * (the caller's, if it has one).
 */
class Transitions {

    /** What a step decided. */
    sealed interface Move {

        /** Post {@code postings} and write {@code next}; a new status records the events of the move. */
        record To(PaymentRecord next, List<TransferRequest> postings) implements Move {

            To(PaymentRecord next) {
                this(next, List.of());
            }
        }

        /**
         * Post {@code postings} and write {@code next}, still {@code processing}, now waiting for someone outside:
         * records {@code payment.processing}.
         */
        record Waiting(PaymentRecord next, List<TransferRequest> postings) implements Move {

            Waiting(PaymentRecord next) {
                this(next, List.of());
            }
        }

        /** Nothing to write. */
        record Stay() implements Move {
        }
    }

    /** Decides a move for the payment as it is now, locked. May post to the ledger; may throw a refusal (nothing is then written). */
    @FunctionalInterface
    interface Step {
        Move apply(PaymentRecord current);
    }

    /** The payment after the transition, and whether it was in a state the step starts from. */
    record Result(PaymentRecord payment, boolean applied) {
    }

    /** Every state: for a step that checks the state itself, or writes whatever it is (a refund's amounts). */
    static final Set<PaymentStatus> ANY = java.util.EnumSet.allOf(PaymentStatus.class);

    private final PaymentStore store;
    private final MerchantAccounts accounts;
    private final EventLog events;
    private final PaymentViews views;
    private final Answers answers;
    private final TransactionTemplate tx;
    private final Intents intents;
    private final PaymentMeters meters;

    Transitions(PaymentStore store, MerchantAccounts accounts, EventLog events, PaymentViews views, Answers answers,
                TransactionTemplate tx, PaymentMeters meters) {
        this.store = store;
        this.accounts = accounts;
        this.events = events;
        this.views = views;
        this.answers = answers;
        this.tx = tx;
        this.intents = new Intents(store, tx);
        this.meters = meters;
    }

    Result transition(String paymentId, Set<PaymentStatus> from, Step step) {
        return inTx(() -> {
            PaymentRecord current = lock(paymentId);
            if (!from.contains(current.status())) {
                return new Result(current, false);
            }
            return new Result(apply(current, step.apply(current)), true);
        });
    }

    /** Several payments' transitions in one transaction: rows locked in id order, written and their events recorded in one batch each. */
    Map<String, Result> transitionAll(Map<String, Step> steps, Set<PaymentStatus> from) {
        return inTx(() -> {
            Map<String, Result> out = new HashMap<>();
            List<PaymentRecord> writes = new ArrayList<>();
            List<TransferRequest> postings = new ArrayList<>();
            List<EventLog.NewEvent> recorded = new ArrayList<>();
            for (PaymentRecord current : store.lockAll(List.copyOf(steps.keySet()))) {
                if (!from.contains(current.status())) {
                    out.put(current.id(), new Result(current, false));
                    continue;
                }
                Move move = steps.get(current.id()).apply(current);
                Optional<PaymentRecord> moved = written(current, move);
                if (moved.isPresent()) {
                    Payment shown = views.view(moved.get());
                    PaymentRecord next = answers.answered(current, moved.get(), shown);
                    writes.add(next);
                    meters.moved(current.status(), next);
                    postings.addAll(postings(move));
                    eventTypes(current, move).forEach(type -> recorded.add(new EventLog.NewEvent(next.merchantId(), type, shown)));
                    out.put(current.id(), new Result(next, true));
                } else {
                    out.put(current.id(), new Result(current, true));
                }
            }
            accounts.post(postings);
            store.updateAll(writes);
            events.recordAll(recorded);
            return out;
        });
    }

    /** Applies a move to a payment the caller has locked in its transaction. */
    PaymentRecord apply(PaymentRecord current, Move move) {
        Optional<PaymentRecord> moved = written(current, move);
        if (moved.isEmpty()) {
            return current;
        }
        List<String> types = eventTypes(current, move);
        Payment shown = types.isEmpty() && !current.answer().due() ? null : views.view(moved.get());
        PaymentRecord next = answers.answered(current, moved.get(), shown);
        accounts.post(postings(move));
        store.update(next);
        types.forEach(type -> events.record(next.merchantId(), type, shown));
        meters.moved(current.status(), next);
        return next;
    }

    /** The merchant's own payment, locked until the caller's transaction ends; empty for another merchant's. */
    Optional<PaymentRecord> lockOwn(String merchantId, String paymentId) {
        return store.lock(paymentId).filter(p -> p.merchantId().equals(merchantId));
    }

    /** Locks the payment until the caller's transaction ends. */
    PaymentRecord lock(String paymentId) {
        return store.lock(paymentId).orElseThrow(() -> new IllegalStateException("payment " + paymentId + " vanished"));
    }

    /**
     * Writes a new payment and the events of its first state, and does {@code alongside} (or nothing, if null) in the
     * same transaction. A payment whose idempotency key was used before is not written: the earlier one is answered
     * instead.
     */
    PaymentRecord begin(PaymentRecord payment, Runnable alongside) {
        List<String> types = PaymentTransitions.eventsOnCreation(payment.status());
        try {
            if (types.isEmpty() && alongside == null) {
                // a lone insert: shared with other requests' in one commit, one round trip for all of them
                intents.insert(payment);
            } else {
                inTx(() -> {
                    store.insert(payment);
                    if (alongside != null) {
                        alongside.run();
                    }
                    if (!types.isEmpty()) {
                        Payment shown = views.view(payment);
                        types.forEach(type -> events.record(payment.merchantId(), type, shown));
                    }
                    meters.moved(null, payment);
                    return null;
                });
            }
            return payment;
        } catch (DuplicateKeyException e) {
            return earlier(payment, e);
        }
    }

    /**
     * Writes payments born in their outcome (paid, in this very transaction, at a channel in the platform's own database):
     * their rows, then {@code alongside} (the channel's payment), then their postings and the events of their first
     * states, one batch each, in the caller's transaction. Throws {@link DuplicateKeyException} if any of them has an
     * idempotency key used before, before {@code alongside} runs.
     */
    void beginAll(List<Move.To> born, Runnable alongside) {
        List<PaymentRecord> rows = born.stream().map(Move.To::next).toList();
        if (rows.size() == 1) {
            store.insert(rows.getFirst());
        } else {
            store.insertAll(rows);
        }
        alongside.run();
        accounts.post(born.stream().flatMap(to -> to.postings().stream()).toList());
        List<EventLog.NewEvent> recorded = new ArrayList<>();
        for (PaymentRecord payment : rows) {
            List<String> types = PaymentTransitions.eventsOnCreation(payment.status());
            Payment shown = types.isEmpty() ? null : views.view(payment);
            types.forEach(type -> recorded.add(new EventLog.NewEvent(payment.merchantId(), type, shown)));
            meters.moved(null, payment);
        }
        events.recordAll(recorded);
    }

    /** The payment an earlier request created under the idempotency key {@code payment}'s insert met; else throws {@code met}. */
    PaymentRecord earlier(PaymentRecord payment, DuplicateKeyException met) {
        String key = payment.intent().idempotencyKey();
        if (key == null) {
            throw met;
        }
        return store.findByIdempotencyKey(payment.merchantId(), key).orElseThrow(() -> met);
    }

    <T> T inTx(Supplier<T> work) {
        return tx.execute(s -> work.get());
    }

    private static Optional<PaymentRecord> written(PaymentRecord current, Move move) {
        return switch (move) {
            case Move.To to -> Optional.of(checked(current, to.next()));
            case Move.Waiting waiting -> {
                if (waiting.next().status() != PaymentStatus.PROCESSING) {
                    throw new IllegalStateException("only a processing payment waits: " + waiting.next());
                }
                yield Optional.of(checked(current, waiting.next()));
            }
            case Move.Stay stay -> Optional.empty();
        };
    }

    private static PaymentRecord checked(PaymentRecord current, PaymentRecord next) {
        if (!next.id().equals(current.id())) {
            throw new IllegalStateException("a step moved another payment");
        }
        if (next.status() != current.status() && !PaymentTransitions.allowed(current.status(), next.status())) {
            throw new IllegalStateException("payment " + current.id() + " cannot move from " + current.status() + " to " + next.status());
        }
        return next;
    }

    private static List<TransferRequest> postings(Move move) {
        return switch (move) {
            case Move.To to -> to.postings();
            case Move.Waiting waiting -> waiting.postings();
            case Move.Stay stay -> List.of();
        };
    }

    private static List<String> eventTypes(PaymentRecord current, Move move) {
        return switch (move) {
            case Move.To to -> PaymentTransitions.events(current.status(), to.next().status());
            case Move.Waiting waiting -> List.of(PaymentTransitions.PROCESSING_EVENT);
            case Move.Stay stay -> List.of();
        };
    }
}
