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
            if (concurrentWriters.incrementAndGet() > 1) {
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
        assertThat(recorder.written).hasSize(2000);
        assertThat(recorder.largest.get()).as("requests shared batches").isGreaterThan(1);
        assertThat(recorder.batches.get()).isLessThan(2000);
        assertThat(recorder.overlapped).as("one writer at a time").isFalse();
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
