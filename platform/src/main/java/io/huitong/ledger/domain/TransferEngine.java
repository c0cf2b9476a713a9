package io.huitong.ledger.domain;

import io.huitong.kernel.Currencies;
import io.huitong.ledger.Transfer;
import io.huitong.ledger.TransferKind;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.ledger.TransferResult.Code;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a batch of transfer requests to the ledger's state, in order, and decides each one's
 * outcome. Pure: it reads through a {@link LedgerView} and returns what must be written; the caller
 * holds the locks and writes it in one transaction. A chain of linked requests is applied on an
 * overlay that is merged only when every link succeeds.
 */
public final class TransferEngine {

    public static final int MAX_ID_LENGTH = 100;
    public static final int MAX_CODE_LENGTH = 64;
    public static final int MAX_REFERENCE_LENGTH = 255;
    /** Holds may last at most a year. */
    public static final long MAX_TIMEOUT_SECONDS = 366L * 24 * 3600;

    public BatchOutcome apply(List<TransferRequest> requests, LedgerView view, Instant now) {
        Working base = new Working(view);
        Code[] codes = new Code[requests.size()];
        Transfer[] transfers = new Transfer[requests.size()];
        int chainStart = 0;
        while (chainStart < requests.size()) {
            int chainEnd = chainStart;
            while (chainEnd < requests.size() - 1 && requests.get(chainEnd).linked()) {
                chainEnd++;
            }
            boolean open = requests.get(chainEnd).linked();
            applyChain(requests, chainStart, chainEnd, open, base, now, codes, transfers);
            chainStart = chainEnd + 1;
        }
        List<TransferResult> results = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            results.add(new TransferResult(requests.get(i).id(), codes[i], transfers[i]));
        }
        return new BatchOutcome(results, new ArrayList<>(base.created.values()), base.entries,
                base.accounts.values().stream().filter(AccountState::changed).toList(), Set.copyOf(base.overflowedPartialRoom));
    }

    private void applyChain(List<TransferRequest> requests, int from, int to, boolean open, Working base,
                            Instant now, Code[] codes, Transfer[] transfers) {
        if (open) {
            for (int i = from; i <= to; i++) {
                codes[i] = i == to ? Code.LINKED_EVENT_CHAIN_OPEN : Code.LINKED_EVENT_FAILED;
            }
            return;
        }
        Working chain = from == to ? base : base.overlay();
        for (int i = from; i <= to; i++) {
            Applied applied = applyOne(requests.get(i), chain, now);
            codes[i] = applied.code;
            transfers[i] = applied.transfer;
            if (!applied.succeeded()) {
                for (int j = from; j <= to; j++) {
                    if (j != i) {
                        codes[j] = Code.LINKED_EVENT_FAILED;
                        transfers[j] = null;
                    }
                }
                return;
            }
        }
        if (chain != base) {
            chain.mergeInto(base);
        }
    }

    private record Applied(Code code, Transfer transfer) {
        boolean succeeded() {
            return code == Code.OK || code == Code.EXISTS;
        }

        static Applied refused(Code code) {
            return new Applied(code, null);
        }
    }

    private Applied applyOne(TransferRequest r, Working w, Instant now) {
        if (!validId(r.id())) {
            return Applied.refused(Code.ID_INVALID);
        }
        Transfer existing = w.transfer(r.id());
        if (existing != null) {
            Code c = compareWithExisting(r, existing);
            return new Applied(c, c == Code.EXISTS ? existing : null);
        }
        if (r.kind() == null) {
            return Applied.refused(Code.KIND_MISSING);
        }
        if (r.code() != null && (r.code().isBlank() || r.code().length() > MAX_CODE_LENGTH)) {
            return Applied.refused(Code.CODE_INVALID);
        }
        if (r.reference() != null && (r.reference().isBlank() || r.reference().length() > MAX_REFERENCE_LENGTH)) {
            return Applied.refused(Code.REFERENCE_INVALID);
        }
        return switch (r.kind()) {
            case POSTED, PENDING -> applyMovement(r, w, now);
            case POST_PENDING, VOID_PENDING, EXPIRE_PENDING -> applyResolution(r, w, now);
            case REVERSAL -> applyReversal(r, w, now);
        };
    }

    private Applied applyMovement(TransferRequest r, Working w, Instant now) {
        if (r.amount() == null || r.amount() < 0) {
            return Applied.refused(Code.AMOUNT_INVALID);
        }
        if (r.amount() == 0) {
            return Applied.refused(Code.AMOUNT_MUST_NOT_BE_ZERO);
        }
        if (!Currencies.isSupported(r.currency())) {
            return Applied.refused(Code.CURRENCY_INVALID);
        }
        if (r.pendingId() != null) {
            return Applied.refused(Code.PENDING_ID_MUST_NOT_BE_SET);
        }
        if (r.reversesId() != null) {
            return Applied.refused(Code.REVERSES_ID_MUST_NOT_BE_SET);
        }
        if (r.timeoutSeconds() < 0 || r.timeoutSeconds() > MAX_TIMEOUT_SECONDS
                || (r.kind() == TransferKind.POSTED && r.timeoutSeconds() != 0)) {
            return Applied.refused(Code.TIMEOUT_INVALID);
        }
        if (r.debitAccountId() == null) {
            return Applied.refused(Code.DEBIT_ACCOUNT_ID_MISSING);
        }
        if (r.creditAccountId() == null) {
            return Applied.refused(Code.CREDIT_ACCOUNT_ID_MISSING);
        }
        if (r.debitAccountId().equals(r.creditAccountId())) {
            return Applied.refused(Code.ACCOUNTS_MUST_BE_DIFFERENT);
        }
        AccountState debit = w.account(r.debitAccountId());
        if (debit == null) {
            return Applied.refused(Code.DEBIT_ACCOUNT_NOT_FOUND);
        }
        AccountState credit = w.account(r.creditAccountId());
        if (credit == null) {
            return Applied.refused(Code.CREDIT_ACCOUNT_NOT_FOUND);
        }
        if (!debit.currency().equals(r.currency()) || !credit.currency().equals(r.currency())) {
            return Applied.refused(Code.ACCOUNT_CURRENCY_MISMATCH);
        }
        long amount = r.amount();
        Code balance = checkBalances(debit, credit, amount, w);
        if (balance != null) {
            return Applied.refused(balance);
        }
        Layer layer = r.kind() == TransferKind.PENDING ? Layer.PENDING : Layer.POSTED;
        Instant expiresAt = r.timeoutSeconds() > 0 ? now.plusSeconds(r.timeoutSeconds()) : null;
        Transfer t = new Transfer(r.id(), r.kind(), debit.id(), credit.id(), amount, r.currency(), null, null,
                expiresAt, r.code(), r.reference(), now);
        w.record(t);
        w.move(t, w.writable(debit), w.writable(credit), layer, amount);
        return new Applied(Code.OK, t);
    }

    private Applied applyResolution(TransferRequest r, Working w, Instant now) {
        if (r.pendingId() == null) {
            return Applied.refused(Code.PENDING_ID_MISSING);
        }
        if (r.reversesId() != null) {
            return Applied.refused(Code.REVERSES_ID_MUST_NOT_BE_SET);
        }
        if (r.timeoutSeconds() != 0) {
            return Applied.refused(Code.TIMEOUT_INVALID);
        }
        Transfer pending = w.transfer(r.pendingId());
        if (pending == null) {
            return Applied.refused(Code.PENDING_TRANSFER_NOT_FOUND);
        }
        if (pending.kind() != TransferKind.PENDING) {
            return Applied.refused(Code.PENDING_TRANSFER_NOT_PENDING);
        }
        if (r.debitAccountId() != null && !r.debitAccountId().equals(pending.debitAccountId())) {
            return Applied.refused(Code.PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID);
        }
        if (r.creditAccountId() != null && !r.creditAccountId().equals(pending.creditAccountId())) {
            return Applied.refused(Code.PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID);
        }
        if (r.currency() != null && !r.currency().equals(pending.currency())) {
            return Applied.refused(Code.PENDING_TRANSFER_HAS_DIFFERENT_CURRENCY);
        }
        TransferKind resolved = w.resolution(pending.id());
        if (resolved != null) {
            return Applied.refused(switch (resolved) {
                case POST_PENDING -> Code.PENDING_TRANSFER_ALREADY_POSTED;
                case VOID_PENDING -> Code.PENDING_TRANSFER_ALREADY_VOIDED;
                default -> Code.PENDING_TRANSFER_EXPIRED;
            });
        }
        boolean due = pending.expiresAt() != null && !now.isBefore(pending.expiresAt());
        if (r.kind() == TransferKind.EXPIRE_PENDING && !due) {
            return Applied.refused(Code.PENDING_TRANSFER_NOT_EXPIRED);
        }
        if (r.kind() != TransferKind.EXPIRE_PENDING && due) {
            return Applied.refused(Code.PENDING_TRANSFER_EXPIRED);
        }
        long amount;
        if (r.kind() == TransferKind.POST_PENDING) {
            amount = r.amount() == null ? pending.amount() : r.amount();
            if (amount < 0) {
                return Applied.refused(Code.AMOUNT_INVALID);
            }
            if (amount == 0) {
                return Applied.refused(Code.AMOUNT_MUST_NOT_BE_ZERO);
            }
            if (amount > pending.amount()) {
                return Applied.refused(Code.EXCEEDS_PENDING_TRANSFER_AMOUNT);
            }
        } else {
            if (r.amount() != null && r.amount() != pending.amount()) {
                return Applied.refused(Code.PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT);
            }
            amount = pending.amount();
        }
        AccountState debit = w.writable(w.account(pending.debitAccountId()));
        AccountState credit = w.writable(w.account(pending.creditAccountId()));
        Transfer t = new Transfer(r.id(), r.kind(), pending.debitAccountId(), pending.creditAccountId(), amount,
                pending.currency(), pending.id(), null, null, r.code(), r.reference(), now);
        w.record(t);
        w.move(t, debit, credit, Layer.PENDING, -pending.amount());
        if (r.kind() == TransferKind.POST_PENDING) {
            w.move(t, debit, credit, Layer.POSTED, amount);
        }
        w.resolutions.put(pending.id(), r.kind());
        return new Applied(Code.OK, t);
    }

    private Applied applyReversal(TransferRequest r, Working w, Instant now) {
        if (r.reversesId() == null) {
            return Applied.refused(Code.REVERSES_ID_MISSING);
        }
        if (r.pendingId() != null) {
            return Applied.refused(Code.PENDING_ID_MUST_NOT_BE_SET);
        }
        if (r.timeoutSeconds() != 0) {
            return Applied.refused(Code.TIMEOUT_INVALID);
        }
        Transfer original = w.transfer(r.reversesId());
        if (original == null) {
            return Applied.refused(Code.REVERSED_TRANSFER_NOT_FOUND);
        }
        if (original.kind() != TransferKind.POSTED && original.kind() != TransferKind.POST_PENDING) {
            return Applied.refused(Code.REVERSED_TRANSFER_NOT_POSTED);
        }
        long remaining = original.amount() - w.reversedAmount(original.id());
        long amount = r.amount() == null ? remaining : r.amount();
        if (amount < 0) {
            return Applied.refused(Code.AMOUNT_INVALID);
        }
        if (amount > remaining || remaining == 0) {
            return Applied.refused(Code.EXCEEDS_REVERSIBLE_AMOUNT);
        }
        if (amount == 0) {
            return Applied.refused(Code.AMOUNT_MUST_NOT_BE_ZERO);
        }
        AccountState debit = w.account(original.creditAccountId());
        AccountState credit = w.account(original.debitAccountId());
        Code balance = checkBalances(debit, credit, amount, w);
        if (balance != null) {
            return Applied.refused(balance);
        }
        Transfer t = new Transfer(r.id(), TransferKind.REVERSAL, debit.id(), credit.id(), amount, original.currency(),
                null, original.id(), null, r.code(), r.reference(), now);
        w.record(t);
        w.move(t, w.writable(debit), w.writable(credit), Layer.POSTED, amount);
        w.reversed.merge(original.id(), amount, Long::sum);
        return new Applied(Code.OK, t);
    }

    /**
     * Refuses what would take a side of either account past its room (only the side that grows: a debit
     * can't overflow credits) or break a flag. Posting or releasing a hold never grows a side, so only
     * new money (posted, pending, reversals) is checked.
     */
    private static Code checkBalances(AccountState debit, AccountState credit, long amount, Working w) {
        if (debit.debitWouldOverflow(amount)) {
            w.overflowed(debit);
            return Code.OVERFLOWS;
        }
        if (credit.creditWouldOverflow(amount)) {
            w.overflowed(credit);
            return Code.OVERFLOWS;
        }
        if (debit.debitExceedsCredits(amount)) {
            return Code.EXCEEDS_CREDITS;
        }
        if (credit.creditExceedsDebits(amount)) {
            return Code.EXCEEDS_DEBITS;
        }
        return null;
    }

    /** Ids are 1–100 characters of letters, digits and {@code _ - : .}. */
    public static boolean validId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Same id again: EXISTS when the request says nothing different from what was recorded. */
    private static Code compareWithExisting(TransferRequest r, Transfer t) {
        if (r.kind() != t.kind()) {
            return Code.EXISTS_WITH_DIFFERENT_KIND;
        }
        boolean movement = t.kind() == TransferKind.POSTED || t.kind() == TransferKind.PENDING;
        if ((movement || r.debitAccountId() != null) && !Objects.equals(r.debitAccountId(), t.debitAccountId())) {
            return Code.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if ((movement || r.creditAccountId() != null) && !Objects.equals(r.creditAccountId(), t.creditAccountId())) {
            return Code.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if ((movement || r.amount() != null) && !Objects.equals(r.amount(), t.amount())) {
            return Code.EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        if ((movement || r.currency() != null) && !Objects.equals(r.currency(), t.currency())) {
            return Code.EXISTS_WITH_DIFFERENT_CURRENCY;
        }
        if (!Objects.equals(r.pendingId(), t.pendingId())) {
            return Code.EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        if (!Objects.equals(r.reversesId(), t.reversesId())) {
            return Code.EXISTS_WITH_DIFFERENT_REVERSES_ID;
        }
        long recordedTimeout = t.expiresAt() == null ? 0 : t.expiresAt().getEpochSecond() - t.createdAt().getEpochSecond();
        if (r.timeoutSeconds() != recordedTimeout) {
            return Code.EXISTS_WITH_DIFFERENT_TIMEOUT;
        }
        if (!Objects.equals(r.code(), t.code())) {
            return Code.EXISTS_WITH_DIFFERENT_CODE;
        }
        if (!Objects.equals(r.reference(), t.reference())) {
            return Code.EXISTS_WITH_DIFFERENT_REFERENCE;
        }
        return Code.EXISTS;
    }

    /** The batch's view of the ledger: what is stored plus what this batch (or chain) has done so far. */
    private static final class Working {
        private final LedgerView view;
        private final Working parent;
        private final Map<String, AccountState> accounts = new HashMap<>();
        private final Map<String, Transfer> created = new LinkedHashMap<>();
        private final Map<String, TransferKind> resolutions = new HashMap<>();
        private final Map<String, Long> reversed = new HashMap<>();
        private final List<EntryLine> entries = new ArrayList<>();
        /** Accounts refused for overflow on a partial room (kept on the batch's base, whatever the chain). */
        private final Set<String> overflowedPartialRoom = new TreeSet<>();

        Working(LedgerView view) {
            this(view, null);
        }

        private Working(LedgerView view, Working parent) {
            this.view = view;
            this.parent = parent;
        }

        Working overlay() {
            return new Working(view, this);
        }

        AccountState account(String id) {
            AccountState a = accounts.get(id);
            if (a != null) {
                return a;
            }
            a = parent != null ? parent.account(id) : view.account(id);
            if (a != null && parent == null) {
                accounts.put(id, a);
            }
            return a;
        }

        /** The state to change: in an overlay, a private copy, so that a failed chain leaves the batch untouched. */
        AccountState writable(AccountState a) {
            if (parent == null) {
                return a;
            }
            return accounts.computeIfAbsent(a.id(), k -> a.copy());
        }

        Transfer transfer(String id) {
            Transfer t = created.get(id);
            if (t != null) {
                return t;
            }
            return parent != null ? parent.transfer(id) : view.transfer(id);
        }

        TransferKind resolution(String pendingId) {
            TransferKind k = resolutions.get(pendingId);
            if (k != null) {
                return k;
            }
            return parent != null ? parent.resolution(pendingId) : view.resolution(pendingId);
        }

        long reversedAmount(String originalId) {
            long here = reversed.getOrDefault(originalId, 0L);
            return here + (parent != null ? parent.reversedAmount(originalId) : view.reversedAmount(originalId));
        }

        void record(Transfer t) {
            created.put(t.id(), t);
        }

        void overflowed(AccountState a) {
            if (!a.partialRoom()) {
                return;
            }
            Working base = this;
            while (base.parent != null) {
                base = base.parent;
            }
            base.overflowedPartialRoom.add(a.id());
        }

        void move(Transfer t, AccountState debit, AccountState credit, Layer layer, long amount) {
            debit.add(layer, Direction.DEBIT, amount);
            credit.add(layer, Direction.CREDIT, amount);
            entries.add(new EntryLine(t.id(), debit.id(), t.currency(), layer, Direction.DEBIT, amount));
            entries.add(new EntryLine(t.id(), credit.id(), t.currency(), layer, Direction.CREDIT, amount));
        }

        void mergeInto(Working target) {
            accounts.forEach(target.accounts::put);
            target.created.putAll(created);
            target.resolutions.putAll(resolutions);
            reversed.forEach((k, v) -> target.reversed.merge(k, v, Long::sum));
            target.entries.addAll(entries);
        }
    }
}
