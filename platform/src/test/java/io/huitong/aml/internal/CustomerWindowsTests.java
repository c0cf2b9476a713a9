package io.huitong.aml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.aml.AmlTransaction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator's memory of its customers' movements, against a database of a list. */
class CustomerWindowsTests {

    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    /** Movements as committed, and the customers each read asked for. */
    private static final class Table implements CustomerWindows.Source {
        final List<AmlTransaction> rows = new ArrayList<>();
        final List<List<String>> reads = new ArrayList<>();

        @Override
        public Map<String, List<AmlTransaction>> customersFrom(Collection<String> customers, Instant from) {
            reads.add(customers.stream().sorted().toList());
            Map<String, List<AmlTransaction>> out = new HashMap<>();
            rows.stream().filter(t -> customers.contains(t.customer()) && !t.occurredAt().isBefore(from))
                    .sorted(java.util.Comparator.comparing(AmlTransaction::occurredAt).thenComparing(AmlTransaction::id))
                    .forEach(t -> out.computeIfAbsent(t.customer(), c -> new ArrayList<>()).add(t));
            return out;
        }

        @Override
        public Map<String, Instant> lastBefore(Collection<String> customers, Instant before) {
            Map<String, Instant> out = new HashMap<>();
            rows.stream().filter(t -> customers.contains(t.customer()) && t.occurredAt().isBefore(before))
                    .forEach(t -> out.merge(t.customer(), t.occurredAt(), (a, b) -> a.isAfter(b) ? a : b));
            return out;
        }

        AmlTransaction commit(String id, String customer, Instant at) {
            AmlTransaction t = new AmlTransaction(id, AmlTransaction.OBJECT, "wallet_payment", customer, AmlTransaction.INDIVIDUAL,
                    AmlTransaction.DEBIT, null, null, null, 1000, "CNY", false, false, at, LocalDate.ofInstant(at, ZoneOffset.ofHours(8)));
            rows.add(t);
            return t;
        }
    }

    private final Table table = new Table();
    private final CustomerWindows windows = new CustomerWindows(1_000);

    private static List<String> ids(CustomerWindows.Window w) {
        return w.movements().stream().map(AmlTransaction::id).toList();
    }

    @Test
    void aCustomerMetAgainIsNotReadAgainAndTheirWindowHoldsWhatWasEvaluatedSince() {
        Instant from = T0.minusSeconds(7 * 86_400);
        table.commit("a0", "alice", T0.minusSeconds(3_600));
        AmlTransaction a1 = table.commit("a1", "alice", T0);
        AmlTransaction a2 = table.commit("a2", "alice", T0.plusSeconds(60)); // committed before the read, evaluated later
        windows.continueFrom(0);
        Map<String, CustomerWindows.Window> first = windows.around(List.of(a1), from, table);
        windows.committed(1);
        assertThat(ids(first.get("alice"))).containsExactly("a0", "a1", "a2");

        AmlTransaction a3 = table.commit("a3", "alice", T0.plusSeconds(120)); // committed after the read
        AmlTransaction b1 = table.commit("b1", "bob", T0.plusSeconds(120));
        windows.continueFrom(1);
        Map<String, CustomerWindows.Window> second = windows.around(List.of(a2, a3, b1), from, table);
        windows.committed(2);
        assertThat(table.reads).as("alice is read once").containsExactly(List.of("alice"), List.of("bob"));
        assertThat(ids(second.get("alice"))).as("once each, in time order").containsExactly("a0", "a1", "a2", "a3");
        assertThat(second.get("alice").lastBefore(a3)).isEqualTo(a2.occurredAt());
        assertThat(second.get("alice").lastBefore(a1)).isEqualTo(T0.minusSeconds(3_600));
        assertThat(ids(second.get("bob"))).containsExactly("b1");
        assertThat(second.get("bob").lastBefore(b1)).as("never before").isNull();
    }

    @Test
    void anotherInstancesBatchInBetweenOrARollbackForgetsEverything() {
        Instant from = T0.minusSeconds(7 * 86_400);
        AmlTransaction a1 = table.commit("a1", "alice", T0);
        windows.continueFrom(0);
        windows.around(List.of(a1), from, table);
        windows.committed(1);

        table.commit("a2", "alice", T0.plusSeconds(60)); // evaluated by another instance: count 2
        AmlTransaction a3 = table.commit("a3", "alice", T0.plusSeconds(120));
        windows.continueFrom(2);
        assertThat(ids(windows.around(List.of(a3), from, table).get("alice"))).containsExactly("a1", "a2", "a3");
        assertThat(table.reads).hasSize(2);

        windows.forget();
        windows.continueFrom(3);
        windows.around(List.of(a3), from, table);
        assertThat(table.reads).as("read again after a rollback").hasSize(3);
    }

    @Test
    void aWindowIsCutWhereTheBatchLooksBackToAndWhatFallsOffCountsAsTheLastMovementBefore() {
        AmlTransaction old = table.commit("a0", "alice", T0);
        AmlTransaction a1 = table.commit("a1", "alice", T0.plusSeconds(86_400));
        windows.continueFrom(0);
        windows.around(List.of(old), T0.minusSeconds(7 * 86_400), table);
        windows.committed(1);

        Instant later = T0.plusSeconds(3_600);
        windows.continueFrom(1);
        CustomerWindows.Window w = windows.around(List.of(a1), later, table).get("alice");
        assertThat(ids(w)).containsExactly("a1");
        assertThat(w.lastBefore(a1)).isEqualTo(T0);
        assertThat(table.reads).as("a later start is in the window").hasSize(1);
        windows.committed(2);

        windows.continueFrom(2);
        windows.around(List.of(a1), T0.minusSeconds(86_400), table);
        assertThat(table.reads).as("an earlier start than the window's is read").hasSize(2);
    }
}
