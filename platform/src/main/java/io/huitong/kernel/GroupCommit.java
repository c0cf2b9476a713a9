package io.huitong.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Group commit: requests that write at about the same time queue their work; one of them at a time (the
 * leader) writes a batch of it in one database transaction, so that a commit and most round trips are
 * shared. If a batch fails, each item in it is written on its own, so one bad item never holds back the
 * others, and nothing is written that the one-at-a-time path would not write. An item submitted from inside
 * a unit of work of the caller's own (a database transaction) is written there, alone: a batch, written in a
 * transaction of its own, could neither see nor join the caller's work.
 *
 * @param <I> an item of work, identified by {@link Writer#key}
 * @param <O> what writing it answers
 */
public final class GroupCommit<I, O> {

    /** Writes items: many in one transaction, or one alone. */
    public interface Writer<I, O> {

        String key(I item);

        /** The answers by key; throws if the batch could not be written (nothing is then written). */
        Map<String, O> writeAll(List<I> items);

        O writeOne(I item);

        /** A writer of three functions: an item's key, a batch's answers by key, one item's answer. */
        static <I, O> Writer<I, O> of(Function<I, String> key, Function<List<I>, Map<String, O>> all, Function<I, O> one) {
            return new Writer<>() {
                @Override
                public String key(I item) {
                    return key.apply(item);
                }

                @Override
                public Map<String, O> writeAll(List<I> items) {
                    return all.apply(items);
                }

                @Override
                public O writeOne(I item) {
                    return one.apply(item);
                }
            };
        }
    }

    /** An item, its answer to come, and the thread waiting for it (woken when it is answered or may lead). */
    private record Pending<I, O>(I item, CompletableFuture<O> result, Thread owner) {
    }

    /** A waiting thread looks again after this long even if nobody woke it. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final String what;
    private final Writer<I, O> writer;
    private final int maxBatch;
    private final BooleanSupplier inCallersUnit;
    private final int writers;
    private final int fullEnough;
    private final ConcurrentLinkedQueue<Pending<I, O>> queue = new ConcurrentLinkedQueue<>();
    /** Items in the queue, counted apart (the queue counts by walking it). */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Batches being written. */
    private final AtomicInteger leaders = new AtomicInteger();

    public GroupCommit(String what, Writer<I, O> writer, int maxBatch) {
        this(what, writer, maxBatch, () -> false);
    }

    /** {@code inCallersUnit}: whether the submitting thread has a unit of work of its own open, for its item to be written in. */
    public GroupCommit(String what, Writer<I, O> writer, int maxBatch, BooleanSupplier inCallersUnit) {
        this(what, writer, maxBatch, 1, Integer.MAX_VALUE, inCallersUnit);
    }

    /**
     * Up to {@code writers} batches written at once, a further one only when at least {@code fullEnough} items wait;
     * {@code inCallersUnit} as above.
     */
    public GroupCommit(String what, Writer<I, O> writer, int maxBatch, int writers, int fullEnough, BooleanSupplier inCallersUnit) {
        if (maxBatch < 1 || writers < 1 || fullEnough < 1) {
            throw new IllegalArgumentException("a group commit needs a batch, a writer and an item to start one");
        }
        this.what = what;
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.writers = writers;
        this.fullEnough = fullEnough;
        this.inCallersUnit = inCallersUnit;
    }

    /**
     * Writes the item, alone or with others, and answers what writing it answered. The caller either leads
     * (writes a batch from the head of the queue, then wakes the owner of the next item so that it leads
     * the next batch) or sleeps until its item is answered or it is its turn to lead. A caller whose item makes
     * {@code fullEnough} wait leads a further batch at once if fewer than {@code writers} are being written.
     */
    public O submit(I item) {
        if (inCallersUnit.getAsBoolean()) {
            return writer.writeOne(item);
        }
        Pending<I, O> mine = new Pending<>(item, new CompletableFuture<>(), Thread.currentThread());
        queue.add(mine);
        waiting.incrementAndGet();
        while (!mine.result().isDone()) {
            if (mayLead()) {
                try {
                    List<Pending<I, O>> batch = new ArrayList<>();
                    for (Pending<I, O> p = queue.poll(); p != null; p = batch.size() < maxBatch ? queue.poll() : null) {
                        waiting.decrementAndGet();
                        batch.add(p);
                    }
                    if (!batch.isEmpty()) {
                        write(batch);
                    }
                } finally {
                    leaders.decrementAndGet();
                }
                Pending<I, O> next = queue.peek();
                if (next != null && next != mine) {
                    LockSupport.unpark(next.owner());
                }
            } else {
                LockSupport.parkNanos(this, MAX_PARK_NANOS);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    if (!mine.result().isDone()) {
                        throw new IllegalStateException("interrupted while writing " + what);
                    }
                }
            }
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Takes a writer's place: the first, or a further one while enough items wait. */
    private boolean mayLead() {
        for (int now = leaders.get(); now == 0 || now < writers && waiting.get() >= fullEnough; now = leaders.get()) {
            if (leaders.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    private void write(List<Pending<I, O>> batch) {
        if (batch.size() > 1) {
            try {
                Map<String, O> written = writer.writeAll(batch.stream().map(Pending::item).toList());
                List<Pending<I, O>> missing = new ArrayList<>();
                for (Pending<I, O> p : batch) {
                    O answer = written.get(writer.key(p.item()));
                    if (answer == null) {
                        missing.add(p);
                    } else {
                        answer(p, answer);
                    }
                }
                batch = missing;
            } catch (RuntimeException batchFailed) {
                // nothing of the batch was written: each item is written alone below
            }
        }
        for (Pending<I, O> p : batch) {
            try {
                answer(p, writer.writeOne(p.item()));
            } catch (RuntimeException e) {
                p.result().completeExceptionally(e);
                LockSupport.unpark(p.owner());
            }
        }
    }

    private static <I, O> void answer(Pending<I, O> p, O answer) {
        p.result().complete(answer);
        LockSupport.unpark(p.owner());
    }
}
