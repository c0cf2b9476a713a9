package io.huitong.reconciliation.internal;

import io.huitong.approvals.Approval;
import io.huitong.approvals.ApprovalHandler;
import io.huitong.approvals.Approvals;
import io.huitong.approvals.NewApproval;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Money;
import io.huitong.ledger.AccountResult;
import io.huitong.ledger.AccountType;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.NewAccount;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.reconciliation.BreakResolution;
import io.huitong.reconciliation.Reconciliation;
import io.huitong.reconciliation.ReconciliationBreak;
import io.huitong.reconciliation.domain.BreakClass;
import io.huitong.reconciliation.domain.Correction;
import io.huitong.reconciliation.domain.StatementFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves breaks: {@code adjust} and {@code write_off} post a correction (a new, balanced ledger transfer between the
 * channel's clearing account and the adjustments or write-offs account; never an edit), {@code accept} posts nothing;
 * each keeps the operator and the note. A write-off at or above the threshold waits for another operator with the
 * finance role ({@value #APPROVAL_ACTION}), and posts when approved.
 */
final class BreakResolver implements ApprovalHandler {

    static final String APPROVAL_ACTION = "reconciliation.write_off";
    static final String OBJECT_TYPE = "reconciliation_break";
    private static final int MAX_NOTE = 500;

    private final BreakBook breaks;
    private final ReconciliationStore reconciliations;
    private final Ledger ledger;
    private final Approvals approvals;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final long writeOffThreshold;

    BreakResolver(BreakBook breaks, ReconciliationStore reconciliations, Ledger ledger, Approvals approvals, TransactionTemplate tx, Clock clock,
                  long writeOffThreshold) {
        this.breaks = breaks;
        this.reconciliations = reconciliations;
        this.ledger = ledger;
        this.approvals = approvals;
        this.tx = tx;
        this.clock = clock;
        this.writeOffThreshold = writeOffThreshold;
    }

    BreakResolution resolve(String breakId, String actionName, String note, String operatorId) {
        if (actionName == null) {
            throw ApiException.missing("action");
        }
        Correction.Action action = Correction.Action.ofWire(actionName)
                .orElseThrow(() -> ApiException.invalid("action", "action must be adjust, write_off or accept"));
        if (note != null && (note.length() > MAX_NOTE || note.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.invalid("note", "note must be at most " + MAX_NOTE + " characters, without control characters");
        }
        return tx.execute(s -> {
            Instant now = DbTimes.now(clock);
            ReconciliationBreak b = breaks.lock(breakId).orElseThrow(() -> ApiException.notFound("reconciliation_break", breakId));
            check(b);
            Correction correction = correction(b, action);
            if (correction instanceof Correction.Refused refused) {
                throw ApiException.conflict(refused.code(), refused.message());
            }
            if (correction instanceof Correction.Transfer t && action == Correction.Action.WRITE_OFF
                    && Math.abs(t.difference()) >= writeOffThreshold) {
                Approval approval = approvals.request(new NewApproval(APPROVAL_ACTION, OBJECT_TYPE, b.id(), operatorId, Set.of(OperatorRole.FINANCE), 1,
                        details(b, t)));
                breaks.awaitApproval(b.id(), approval.id(), note, now);
                return new BreakResolution.AwaitingApproval(breaks.find(b.id()).orElseThrow(), approval);
            }
            String posted = post(b, action, correction);
            breaks.resolve(b.id(), action.wireName(), operatorId, note, posted, now);
            return new BreakResolution.Resolved(breaks.find(b.id()).orElseThrow());
        });
    }

    private void check(ReconciliationBreak b) {
        if (ReconciliationBreak.RESOLVED.equals(b.status())) {
            throw ApiException.conflict("reconciliation_break_unexpected_state", "This break is resolved already (" + b.resolution() + ").");
        }
        if (b.approval() != null) {
            throw ApiException.conflict("reconciliation_break_unexpected_state", "A write-off of this break waits for approval " + b.approval() + ".");
        }
        String status = reconciliations.find(b.reconciliation()).map(ReconciliationStore.Row::status).orElse(Reconciliation.SUPERSEDED);
        if (!Reconciliation.COMPLETED.equals(status)) {
            throw ApiException.conflict("reconciliation_unexpected_state", "Breaks are resolved on a completed, current reconciliation; "
                    + b.reconciliation() + " is " + status + ".");
        }
    }

    private Correction correction(ReconciliationBreak b, Correction.Action action) {
        String format = reconciliations.find(b.reconciliation()).orElseThrow().format();
        String clearing = ChannelDirectory.clearingPrefix(StatementFormat.ofWire(format)) + b.currency();
        return Correction.of(action, BreakClass.ofWire(b.breakClass()).orElseThrow(), b.ourAmount(), b.channelAmount(), b.currency(), clearing);
    }

    /** Posts the correction, once (its id is the break's); answers the transfer's id, or null when there is none. */
    private String post(ReconciliationBreak b, Correction.Action action, Correction correction) {
        if (!(correction instanceof Correction.Transfer t)) {
            return null;
        }
        String other = action.account(t.currency());
        String clearing = t.debitAccount().equals(other) ? t.creditAccount() : t.debitAccount();
        // a write-off is the platform's loss (or gain); an adjustment waits in a suspense account until it is explained
        List<AccountResult> opened = ledger.createAccounts(List.of(
                NewAccount.of(other, t.currency(), action == Correction.Action.WRITE_OFF ? AccountType.EXPENSE : AccountType.ASSET, "platform"),
                NewAccount.of(clearing, t.currency(), AccountType.ASSET, "platform")));
        for (AccountResult r : opened) {
            if (!r.succeeded()) {
                throw new IllegalStateException("opening ledger account " + r.id() + " failed: " + r.code());
            }
        }
        String id = b.id() + ":" + action.wireName();
        TransferResult r = ledger.createTransfer(TransferRequest.posted(id, t.debitAccount(), t.creditAccount(), new Money(t.amount(), t.currency()))
                .withCode(action == Correction.Action.ADJUST ? Matcher.CORRECTION_CODES.get(0) : Matcher.CORRECTION_CODES.get(1))
                .withReference(b.id()));
        if (!r.succeeded()) {
            throw new ApiException(409, ErrorType.INVALID_REQUEST_ERROR, "ledger_refused", "The ledger refused the correction: " + r.code() + ".", null);
        }
        return id;
    }

    private static Map<String, Object> details(ReconciliationBreak b, Correction.Transfer t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reconciliation", b.reconciliation());
        d.put("channel", b.channel());
        d.put("class", b.breakClass());
        d.put("reference", b.reference());
        d.put("amount", t.difference());
        d.put("currency", t.currency());
        return d;
    }

    @Override
    public String action() {
        return APPROVAL_ACTION;
    }

    /**
     * Approved: the write-off posts now, in the approval's transaction, in the name of the operator who asked for it, on
     * the break that waits for it (the one asked about, or the same break of a statement that superseded it since).
     */
    @Override
    public void approved(Approval approval) {
        Instant now = DbTimes.now(clock);
        breaks.lockAwaiting(approval.id()).ifPresent(b -> {
            String posted = post(b, Correction.Action.WRITE_OFF, correction(b, Correction.Action.WRITE_OFF));
            breaks.resolve(b.id(), Correction.Action.WRITE_OFF.wireName(), approval.requestedBy(), b.note(), posted, now);
        });
        breaks.dropApproval(approval.id(), now);
    }

    /** Rejected: the break stays open, free to be resolved otherwise. */
    @Override
    public void rejected(Approval approval) {
        breaks.dropApproval(approval.id(), DbTimes.now(clock));
    }
}
