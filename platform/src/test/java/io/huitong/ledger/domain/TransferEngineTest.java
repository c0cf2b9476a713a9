package io.huitong.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import io.huitong.ledger.Account;
import io.huitong.ledger.AccountFlag;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Transfer;
import io.huitong.ledger.TransferKind;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.ledger.TransferResult.Code;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine alone: no database, no Spring; the stored ledger is a map. */
class TransferEngineTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Transfer> transfers = new HashMap<>();
    private final TransferEngine engine = new TransferEngine();

    private final LedgerView view = new LedgerView() {
        private final Map<String, AccountState> states = new HashMap<>();

        @Override
        public AccountState account(String id) {
            Account a = accounts.get(id);
            return a == null ? null : states.computeIfAbsent(id, k -> new AccountState(a));
        }

        @Override
        public Transfer transfer(String id) {
            return transfers.get(id);
        }

        @Override
        public TransferKind resolution(String pendingId) {
            return transfers.values().stream().filter(t -> pendingId.equals(t.pendingId())).map(Transfer::kind).findFirst().orElse(null);
        }

        @Override
        public long reversedAmount(String originalId) {
            return 0;
        }
    };

    private void account(String id, long creditsPosted, AccountFlag... flags) {
        accounts.put(id, new Account(id, "CNY", AccountType.LIABILITY, null, Set.of(flags), null, 0, 0, 0, creditsPosted, NOW));
    }

    @Test
    void aFailedLinkLeavesNoTraceInTheOutcome() {
        account("w", 100, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        account("m", 0);
        BatchOutcome out = engine.apply(List.of(
                TransferRequest.posted("a", "w", "m", Money.of(60, "CNY")).linkedToNext(),
                TransferRequest.posted("b", "w", "m", Money.of(60, "CNY")),
                TransferRequest.posted("c", "w", "m", Money.of(100, "CNY"))), view, NOW);

        assertThat(out.results()).extracting(TransferResult::code).containsExactly(Code.LINKED_EVENT_FAILED, Code.EXCEEDS_CREDITS, Code.OK);
        assertThat(out.transfers()).extracting(Transfer::id).containsExactly("c");
        assertThat(out.entries()).hasSize(2);
        assertThat(out.changedAccounts()).extracting(s -> s.toAccount().postedBalance()).containsExactlyInAnyOrder(0L, 100L);
    }

    @Test
    void aHoldAndItsPostInOneBatchWriteReleasingPendingLines() {
        account("w", 100, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        account("m", 0);
        BatchOutcome out = engine.apply(List.of(
                TransferRequest.hold("h", "w", "m", Money.of(80, "CNY"), 60),
                TransferRequest.post("p", "h", 50L)), view, NOW);

        assertThat(out.results()).extracting(TransferResult::code).containsExactly(Code.OK, Code.OK);
        assertThat(out.entries()).filteredOn(e -> e.layer() == Layer.PENDING).extracting(EntryLine::amount).containsExactly(80L, 80L, -80L, -80L);
        assertThat(out.transfers().getFirst().expiresAt()).isEqualTo(NOW.plusSeconds(60));
        long[] walletDeltas = out.changedAccounts().stream().filter(s -> s.id().equals("w")).findFirst().orElseThrow().deltas();
        assertThat(walletDeltas).containsExactly(0, 50, 0, 0);
    }

    @Test
    void aDuplicateIdWithinOneBatchIsExists() {
        account("w", 100);
        account("m", 0);
        TransferRequest t = TransferRequest.posted("same", "w", "m", Money.of(10, "CNY"));
        BatchOutcome out = engine.apply(List.of(t, t, t.withReference("x")), view, NOW);
        assertThat(out.results()).extracting(TransferResult::code).containsExactly(Code.OK, Code.EXISTS, Code.EXISTS_WITH_DIFFERENT_REFERENCE);
        assertThat(out.transfers()).hasSize(1);
    }

    @Test
    void postingAnExpiredHoldIsRefusedAndOnlyExpiryMayReleaseIt() {
        account("w", 100);
        account("m", 0);
        transfers.put("h", new Transfer("h", TransferKind.PENDING, "w", "m", 40, "CNY", null, null, NOW.minusSeconds(1), null, null, NOW.minusSeconds(61)));
        BatchOutcome out = engine.apply(List.of(
                TransferRequest.post("p", "h", null),
                new TransferRequest("h.expire", TransferKind.EXPIRE_PENDING, null, null, null, null, "h", null, 0, null, null, false)),
                view, NOW);
        assertThat(out.results()).extracting(TransferResult::code).containsExactly(Code.PENDING_TRANSFER_EXPIRED, Code.OK);
    }

    @Test
    void anOverflowIsJudgedOnTheSideThatGrows() {
        account("full", Long.MAX_VALUE);
        account("m", 0);
        BatchOutcome out = engine.apply(List.of(
                TransferRequest.posted("in", "m", "full", Money.of(1, "CNY")),
                TransferRequest.posted("out", "full", "m", Money.of(5, "CNY")),
                TransferRequest.hold("hold", "m", "full", Money.of(1, "CNY"), 0)), view, NOW);
        assertThat(out.results()).extracting(TransferResult::code).containsExactly(Code.OVERFLOWS, Code.OK, Code.OVERFLOWS);
        assertThat(out.overflowedPartialRoom()).as("the room was the whole account's").isEmpty();
    }

    @Test
    void anOverflowOfAPartialRoomNamesTheAccountEvenFromAFailedChain() {
        account("m", 0);
        Account hot = new Account("hot", "CNY", AccountType.REVENUE, null, Set.of(), null, 0, 0, 0, 0, NOW);
        AccountState hotState = new AccountState(hot, 0, 100, true);
        LedgerView partial = new LedgerView() {
            @Override
            public AccountState account(String id) {
                return id.equals("hot") ? hotState : view.account(id);
            }

            @Override
            public Transfer transfer(String id) {
                return view.transfer(id);
            }

            @Override
            public TransferKind resolution(String pendingId) {
                return view.resolution(pendingId);
            }

            @Override
            public long reversedAmount(String originalId) {
                return view.reversedAmount(originalId);
            }
        };
        BatchOutcome out = engine.apply(List.of(
                TransferRequest.posted("a", "m", "hot", Money.of(60, "CNY")).linkedToNext(),
                TransferRequest.posted("b", "m", "hot", Money.of(60, "CNY")),
                TransferRequest.posted("c", "m", "hot", Money.of(40, "CNY")),
                TransferRequest.posted("d", "hot", "m", Money.of(1, "CNY"))), partial, NOW);

        assertThat(out.results()).extracting(TransferResult::code)
                .containsExactly(Code.LINKED_EVENT_FAILED, Code.OVERFLOWS, Code.OK, Code.OVERFLOWS);
        assertThat(out.overflowedPartialRoom()).containsExactly("hot");
    }
}
