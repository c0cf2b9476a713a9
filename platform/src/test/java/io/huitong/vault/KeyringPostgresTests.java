package io.huitong.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.ApiException;
import io.huitong.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KeyringPostgresTests extends KeyringTests {

    private static final int THREADS = 4;

    @Override
    TestDatabases.TestDb newDatabase() {
        return TestDatabases.postgres();
    }

    /**
     * Two nodes share the database and a key file (as copies of one keyring file would be); both seal and open without
     * pause while one of them rotates the master key again and again. Nothing fails, and every value opens on both nodes
     * started again afterwards, which unwrap the data keys with the last master key only.
     */
    @Test
    void sealingOnTwoNodesGoesOnWhileRotationsRun() throws Exception {
        Node a = start(dir);
        Node b = start(dir);
        Map<String, String> sealed = new ConcurrentHashMap<>();
        AtomicBoolean rotating = new AtomicBoolean(true);
        List<String> masters = new ArrayList<>(List.of(a.current()));
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Integer>> sealers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Node node = t % 2 == 0 ? a : b;
                int thread = t;
                sealers.add(pool.submit(() -> {
                    int n = 0;
                    while (rotating.get() || n < 50) {
                        String context = "pay_" + thread + "_" + n;
                        String value = String.format("62220200%08d", n);
                        String s = node.vault().seal(value, context);
                        assertThat(node.vault().open(s, context)).isEqualTo(value);
                        sealed.put(context, s);
                        n++;
                    }
                    return n;
                }));
            }
            for (int i = 0; i < 5; i++) {
                masters.add(a.keys().rotate(masters.getLast(), null));
            }
            rotating.set(false);
            for (Future<Integer> f : sealers) {
                assertThat(f.get()).isGreaterThanOrEqualTo(50);
            }
        }
        for (String old : masters.subList(0, masters.size() - 1)) {
            a.keys().destroy(old, "op_security");
        }
        assertThat(Files.readString(dir.resolve(MasterKeyFiles.KEYRING_FILE))).contains(masters.getLast()).doesNotContain(masters.getFirst());
        assertThat(wrapped().values()).allSatisfy(w -> assertThat(w).startsWith(masters.getLast() + "/"));
        for (Node restarted : List.of(start(dir), start(dir))) {
            assertThat(restarted.files().held()).hasSize(1);
            sealed.forEach((context, s) -> assertThat(restarted.vault().open(s, context)).isEqualTo("62220200%08d".formatted(
                    Integer.parseInt(context.substring(context.lastIndexOf('_') + 1)))));
        }
    }

    /** Operators approving two rotations of one key at the same moment: one rotates, the other finds the key rotated already. */
    @Test
    void concurrentRotationsOfOneKeyRotateItOnce() throws Exception {
        Node node = start(dir);
        String old = node.current();
        CountDownLatch go = new CountDownLatch(1);
        List<Object> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Object>> attempts = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                attempts.add(pool.submit(() -> {
                    go.await();
                    try {
                        return (Object) node.keys().rotate(old, null);
                    } catch (ApiException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            for (Future<Object> f : attempts) {
                outcomes.add(f.get());
            }
        }
        List<Object> rotated = outcomes.stream().filter(o -> !"master_key_rotated".equals(o)).toList();
        assertThat(rotated).as(outcomes.toString()).hasSize(1);
        assertThat(node.current()).isEqualTo(rotated.getFirst());
        assertThat(wrapped().values()).allSatisfy(w -> assertThat(w).startsWith(rotated.getFirst() + "/"));
    }

    /** Nodes started at the same moment on an empty database, with the same key: one creates the keyring, all use it. */
    @Test
    void nodesStartingTogetherShareOneKeyring() throws Exception {
        Files.writeString(dir.resolve(MasterKeyFiles.KEY_FILE), LegacyValues.KEY_BASE64 + "\n");
        CountDownLatch go = new CountDownLatch(1);
        List<Node> nodes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Node>> starts = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                starts.add(pool.submit(() -> {
                    go.await();
                    return start(dir);
                }));
            }
            go.countDown();
            for (Future<Node> f : starts) {
                nodes.add(f.get());
            }
        }
        assertThat(wrapped()).hasSize(2);
        assertThat(nodes).extracting(n -> n.vault().keyring().sealing().id()).containsOnly(nodes.getFirst().vault().keyring().sealing().id());
        String sealed = nodes.getFirst().vault().seal("4242424242424242", "pay_1");
        for (Node n : nodes) {
            assertThat(n.vault().open(sealed, "pay_1")).isEqualTo("4242424242424242");
            assertThat(n.vault().open(LegacyValues.CARD, LegacyValues.CARD_CONTEXT)).isEqualTo("4242424242424242");
        }
    }
}
