package io.huitong.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import io.huitong.ledger.TransferResult.Code;
import io.huitong.ledger.jdbc.JdbcLedger;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestDatabases;
import io.huitong.testsupport.TestDatabases.TestDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of transfers, holds, posts, voids, expiries, reversals and linked pairs keep every
 * invariant: the books balance per currency, each account's totals equal the sum of its entries, a
 * flagged account never goes negative, a hold resolves at most once, and the balances equal what the
 * successful results say moved.
 */
class LedgerInvariantProperties {

    private static TestDb db;
    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static Ledger ledger;
    private static final AtomicInteger TRY = new AtomicInteger();

    @BeforeContainer
    static void open() {
        db = TestDatabases.h2().migrated();
        ledger = new JdbcLedger(db.dataSource(), CLOCK);
    }

    @AfterContainer
    static void close() {
        db.close();
    }

    sealed interface Op permits Move, Hold, Post, Void, Expire, Reverse, LinkedPair {
    }

    record Move(int from, int to, long amount) implements Op {
    }

    record Hold(int from, int to, long amount, long timeout) implements Op {
    }

    record Post(int hold, Long amount) implements Op {
    }

    record Void(int hold) implements Op {
    }

    record Expire(long seconds) implements Op {
    }

    record Reverse(int transfer, Long amount) implements Op {
    }

    record LinkedPair(int from, int to, long first, long second) implements Op {
    }

    private static final int ACCOUNTS = 6;

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> acc = Arbitraries.integers().between(0, ACCOUNTS - 1);
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 800);
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 30);
        Arbitrary<Long> optionalAmount = amount.injectNull(0.4);
        Arbitrary<Op> op = Arbitraries.oneOf(
                Combinators.combine(acc, acc, amount).as(Move::new),
                Combinators.combine(acc, acc, amount, Arbitraries.of(0L, 5L, 60L)).as(Hold::new),
                Combinators.combine(index, optionalAmount).as(Post::new),
                index.map(Void::new),
                Arbitraries.of(1L, 10L, 61L).map(Expire::new),
                Combinators.combine(index, optionalAmount).as(Reverse::new),
                Combinators.combine(acc, acc, amount, amount).as(LinkedPair::new));
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 150)
    void everyInvariantHolds(@ForAll("operations") List<Op> ops) {
        String prefix = "p" + TRY.incrementAndGet() + "_";
        // accounts 0-1: funding assets without limits; 2-4: wallets that must not go negative; 5: revenue
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = prefix + "acc" + i;
            NewAccount a = i < 2 ? NewAccount.of(id, "CNY", AccountType.ASSET, "bank")
                    : i < 5 ? NewAccount.of(id, "CNY", AccountType.LIABILITY, "usr", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
                    : NewAccount.of(id, "CNY", AccountType.REVENUE, "platform");
            assertThat(ledger.createAccount(a).code()).isEqualTo(AccountResult.Code.OK);
            ids.add(id);
        }
        ledger.createTransfer(TransferRequest.posted(prefix + "seed", ids.get(0), ids.get(2), Money.of(1_000, "CNY")));

        List<String> holds = new ArrayList<>();
        List<String> posted = new ArrayList<>();
        Map<String, long[]> model = new HashMap<>();
        Map<String, Long> reversedByOriginal = new HashMap<>();
        ids.forEach(id -> model.put(id, new long[4]));
        apply(model, ledger.transfer(prefix + "seed").orElseThrow(), null);
        int n = 0;
        for (Op op : ops) {
            String tid = prefix + "t" + (n++);
            List<TransferRequest> batch = switch (op) {
                case Move m -> List.of(TransferRequest.posted(tid, ids.get(m.from()), ids.get(m.to()), Money.of(m.amount(), "CNY")));
                case Hold h -> List.of(TransferRequest.hold(tid, ids.get(h.from()), ids.get(h.to()), Money.of(h.amount(), "CNY"), h.timeout()));
                case Post p -> holds.isEmpty() ? List.of() : List.of(TransferRequest.post(tid, holds.get(p.hold() % holds.size()), p.amount()));
                case Void v -> holds.isEmpty() ? List.of() : List.of(TransferRequest.voidHold(tid, holds.get(v.hold() % holds.size())));
                case Reverse r -> posted.isEmpty() ? List.of() : List.of(TransferRequest.reversal(tid, posted.get(r.transfer() % posted.size()), r.amount()));
                case LinkedPair l -> List.of(
                        TransferRequest.posted(tid + "a", ids.get(l.from()), ids.get(l.to()), Money.of(l.first(), "CNY")).linkedToNext(),
                        TransferRequest.posted(tid + "b", ids.get(l.to()), ids.get((l.to() + 1) % ACCOUNTS), Money.of(l.second(), "CNY")));
                case Expire e -> {
                    CLOCK.advance(Duration.ofSeconds(e.seconds()));
                    List<String> before = holds.stream().filter(h -> ledger.transfer(h + ".expire").isEmpty()).toList();
                    ledger.expireDueHolds(1_000);
                    before.stream().map(h -> ledger.transfer(h + ".expire")).flatMap(java.util.Optional::stream)
                            .forEach(t -> apply(model, t, ledger.transfer(t.pendingId()).orElseThrow()));
                    yield List.of();
                }
            };
            if (batch.isEmpty()) {
                continue;
            }
            List<TransferResult> results = ledger.createTransfers(batch);
            if (op instanceof LinkedPair) {
                assertThat(results.get(0).succeeded()).as("linked legs agree").isEqualTo(results.get(1).succeeded());
            }
            for (TransferResult r : results) {
                if (r.code() != Code.OK) {
                    continue;
                }
                Transfer t = r.transfer();
                apply(model, t, t.pendingId() == null ? null : ledger.transfer(t.pendingId()).orElseThrow());
                switch (t.kind()) {
                    case PENDING -> holds.add(t.id());
                    case POSTED, POST_PENDING -> posted.add(t.id());
                    case REVERSAL -> reversedByOriginal.merge(t.reversesId(), t.amount(), Long::sum);
                    default -> { }
                }
            }
        }

        LedgerCheck check = ledger.check();
        assertThat(check.balanced()).as("books balance and totals equal entries: %s", check).isTrue();
        for (Account a : ledger.accounts(ids)) {
            long[] m = model.get(a.id());
            assertThat(new long[] {a.debitsPending(), a.debitsPosted(), a.creditsPending(), a.creditsPosted()})
                    .as("account %s equals what the results moved", a.id()).containsExactly(m);
            if (a.flags().contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)) {
                assertThat(a.debitsPosted() + a.debitsPending()).as("wallet %s never negative", a.id()).isLessThanOrEqualTo(a.creditsPosted());
            }
        }
        reversedByOriginal.forEach((original, reversed) ->
                assertThat(reversed).as("reversals of %s", original).isLessThanOrEqualTo(ledger.transfer(original).orElseThrow().amount()));
    }

    /** The model: [debitsPending, debitsPosted, creditsPending, creditsPosted] per account, from results only. */
    private static void apply(Map<String, long[]> model, Transfer t, Transfer pending) {
        long[] d = model.get(t.debitAccountId());
        long[] c = model.get(t.creditAccountId());
        switch (t.kind()) {
            case POSTED, REVERSAL -> {
                d[1] += t.amount();
                c[3] += t.amount();
            }
            case PENDING -> {
                d[0] += t.amount();
                c[2] += t.amount();
            }
            case POST_PENDING -> {
                d[0] -= pending.amount();
                c[2] -= pending.amount();
                d[1] += t.amount();
                c[3] += t.amount();
            }
            case VOID_PENDING, EXPIRE_PENDING -> {
                d[0] -= pending.amount();
                c[2] -= pending.amount();
            }
        }
    }
}
