package io.huitong.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit: requests that write at about the same time queue their work; one of them at a time (the
 * leader) writes a batch of it in one database transaction, so that a commit and most round trips are
 * shared. If a batch fails, each item in it is written on its own, so one bad item never holds back the
 * others, and nothing is written that the one-at-a-time path would not write.
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
    }

    private record Pending<I, O>(I item, CompletableFuture<O> result) {
    }

    private final String what;
    private final Writer<I, O> writer;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Pending<I, O>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leading = new AtomicBoolean();

    public GroupCommit(String what, Writer<I, O> writer, int maxBatch) {
        this.what = what;
        this.writer = writer;
        this.maxBatch = maxBatch;
    }

    /** Writes the item, alone or with others, and answers what writing it answered. */
    public O submit(I item) {
        Pending<I, O> mine = new Pending<>(item, new CompletableFuture<>());
        queue.add(mine);
        while (true) {
            if (!mine.result().isDone() && leading.compareAndSet(false, true)) {
                try {
                    List<Pending<I, O>> batch = new ArrayList<>();
                    for (Pending<I, O> p = queue.poll(); p != null; p = batch.size() < maxBatch ? queue.poll() : null) {
                        batch.add(p);
                    }
                    if (!batch.isEmpty()) {
                        write(batch);
                    }
                } finally {
                    leading.set(false);
                }
            }
            try {
                // a leader may be busy with a batch that does not hold this item: look again shortly
                return mine.result().get(1, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // loop: lead the next batch if nobody does
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing " + what, e);
            }
        }
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
                        p.result().complete(answer);
                    }
                }
                batch = missing;
            } catch (RuntimeException batchFailed) {
                // nothing of the batch was written: each item is written alone below
            }
        }
        for (Pending<I, O> p : batch) {
            try {
                p.result().complete(writer.writeOne(p.item()));
            } catch (RuntimeException e) {
                p.result().completeExceptionally(e);
            }
        }
    }
}
