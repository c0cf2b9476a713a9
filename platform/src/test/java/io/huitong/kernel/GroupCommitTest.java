package io.huitong.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** Writes strings; a batch holding "bad" fails as a whole, and "bad" alone fails too. */
    static final class Recorder implements GroupCommit.Writer<String, String> {
        final Set<String> written = ConcurrentHashMap.newKeySet();
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger largest = new AtomicInteger();
        final AtomicInteger alone = new AtomicInteger();
        final AtomicInteger concurrentWriters = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        volatile boolean overlapped;

        @Override
        public String key(String item) {
            return item;
        }

        @Override
        public Map<String, String> writeAll(List<String> items) {
            enter();
            try {
                batches.incrementAndGet();
                largest.accumulateAndGet(items.size(), Math::max);
                if (items.contains("bad")) {
                    throw new IllegalStateException("refused");
                }
                Map<String, String> out = new HashMap<>();
                for (String item : items) {
                    assertThat(written.add(item)).as("written once: " + item).isTrue();
                    // an item the batch leaves out is written alone afterwards
                    if (!item.startsWith("skip")) {
                        out.put(item, "ok:" + item);
                    } else {
                        written.remove(item);
                    }
                }
                sleep();
                return out;
            } finally {
                leave();
            }
        }

        @Override
        public String writeOne(String item) {
            enter();
            try {
                alone.incrementAndGet();
                if (item.equals("bad")) {
                    throw new IllegalArgumentException("bad item");
                }
                assertThat(written.add(item)).as("written once: " + item).isTrue();
                sleep(); // a write takes time alone too, so that submitters arriving meanwhile queue up for a batch
                return "ok:" + item;
            } finally {
                leave();
            }
        }

        private void enter() {
            int now = concurrentWriters.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            if (now > 1) {
                overlapped = true;
            }
        }

        private void leave() {
            concurrentWriters.decrementAndGet();
        }

        private static void sleep() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void concurrentSubmittersAreWrittenInSharedBatchesEachExactlyOnceOneLeaderAtATime() throws Exception {
        Recorder recorder = new Recorder();
        GroupCommit<String, String> group = new GroupCommit<>("items", recorder, 64);
        submitTwoThousandFromThirtyTwoThreads(group);
        assertThat(recorder.written).hasSize(2000);
        assertThat(recorder.largest.get()).as("requests shared batches").isGreaterThan(1);
        assertThat(recorder.batches.get()).isLessThan(2000);
        assertThat(recorder.overlapped).as("one writer at a time").isFalse();
    }

    @Test
    void aSecondBatchStartsBesideTheFirstOnlyOnceEnoughItemsWait() throws Exception {
        java.util.concurrent.CountDownLatch firstEntered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch releaseFirst = new java.util.concurrent.CountDownLatch(1);
        List<List<String>> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        java.util.function.Function<List<String>, Map<String, String>> write = items -> {
            mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
            try {
                batches.add(List.copyOf(items));
                if (items.contains("first")) {
                    firstEntered.countDown();
                    await(releaseFirst);
                }
                Map<String, String> out = new HashMap<>();
                items.forEach(item -> out.put(item, "ok:" + item));
                return out;
            } finally {
                writing.decrementAndGet();
            }
        };
        GroupCommit.Writer<String, String> writer = GroupCommit.Writer.of(item -> item, write, item -> write.apply(List.of(item)).get(item));
        GroupCommit<String, String> group = new GroupCommit<>("items", writer, 64, 2, 4, () -> false);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            Future<String> first = pool.submit(() -> group.submit("first"));
            assertThat(firstEntered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // three waiting items are too few for a batch beside the one being written
            List<Future<String>> few = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String item = "few-" + i;
                few.add(pool.submit(() -> group.submit(item)));
            }
            Thread.sleep(200);
            assertThat(batches).as("only the first batch is being written").hasSize(1);
            // the fourth makes enough: its submitter writes the waiting four while the first is still being written
            Future<String> fourth = pool.submit(() -> group.submit("few-3"));
            assertThat(fourth.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("ok:few-3");
            for (Future<String> f : few) {
                assertThat(f.get(5, java.util.concurrent.TimeUnit.SECONDS)).startsWith("ok:few-");
            }
            assertThat(first.isDone()).isFalse();
            assertThat(batches.get(1)).containsExactlyInAnyOrder("few-0", "few-1", "few-2", "few-3");
            releaseFirst.countDown();
            assertThat(first.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("ok:first");
        }
        assertThat(mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void withTwoWritersManyConcurrentSubmittersAreEachWrittenExactlyOnceAndAtMostTwoBatchesAtOnce() throws Exception {
        Recorder recorder = new Recorder();
        GroupCommit<String, String> group = new GroupCommit<>("items", recorder, 16, 2, 4, () -> false);
        submitTwoThousandFromThirtyTwoThreads(group);
        assertThat(recorder.written).hasSize(2000);
        assertThat(recorder.mostAtOnce.get()).isBetween(1, 2);
        assertThat(recorder.largest.get()).isLessThanOrEqualTo(16);
    }

    /** Items "item-i" (every 97th "skip-i", which a batch leaves out), each answered with its own. */
    private static void submitTwoThousandFromThirtyTwoThreads(GroupCommit<String, String> group) throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 2000; i++) {
                String item = (i % 97 == 0 ? "skip-" : "item-") + i;
                answers.add(pool.submit(() -> group.submit(item)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).endsWith("-" + i);
            }
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aBatchThatFailsIsWrittenItemByItemAndOnlyTheBadItemFails() throws Exception {
        Recorder recorder = new Recorder();
        GroupCommit<String, String> group = new GroupCommit<>("items", recorder, 64);
        List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 16; i++) {
                    String item = i == 7 ? "bad" : "r" + round + "-" + i;
                    answers.add(pool.submit(() -> group.submit(item)));
                }
            }
            int failed = 0;
            for (Future<String> f : answers) {
                try {
                    assertThat(f.get()).startsWith("ok:");
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad item");
                    failed++;
                }
            }
            assertThat(failed).isEqualTo(20);
        }
        assertThat(recorder.written).hasSize(20 * 15);
        assertThatThrownBy(() -> group.submit("bad")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anItemSubmittedInsideTheCallersOwnUnitOfWorkIsWrittenThereAloneOnTheCallersThread() {
        Recorder recorder = new Recorder();
        ThreadLocal<Boolean> inUnit = ThreadLocal.withInitial(() -> false);
        GroupCommit<String, String> group = new GroupCommit<>("items", recorder, 64, inUnit::get);
        Thread caller = Thread.currentThread();
        List<Thread> writers = new ArrayList<>();
        GroupCommit<String, String> watched = new GroupCommit<>("items", GroupCommit.Writer.of(recorder::key, recorder::writeAll, item -> {
            writers.add(Thread.currentThread());
            return recorder.writeOne(item);
        }), 64, inUnit::get);

        inUnit.set(true);
        assertThat(watched.submit("inside")).isEqualTo("ok:inside");
        assertThat(writers).containsExactly(caller);
        assertThat(recorder.batches.get()).as("no batch of its own").isZero();
        assertThat(recorder.alone.get()).isEqualTo(1);

        inUnit.set(false);
        assertThat(group.submit("outside")).isEqualTo("ok:outside");
        assertThat(recorder.written).containsExactlyInAnyOrder("inside", "outside");
    }
}
