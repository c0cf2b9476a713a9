package io.huitong.approvals.internal;

import io.huitong.approvals.Approval;
import io.huitong.approvals.ApprovalHandler;
import io.huitong.approvals.Approvals;
import io.huitong.approvals.NewApproval;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approvals over their store. Decisions are taken under a lock on the approval row: concurrent votes on one
 * approval are counted one after the other, each seeing the ones before it, so exactly one of them decides.
 */
final class ApprovalService implements Approvals {

    private static final Pattern ID = Pattern.compile("apr_[0-9A-Z]{26}");
    private static final List<String> STATUSES = List.of(Approval.PENDING, Approval.APPROVED, Approval.REJECTED);

    private final ApprovalStore store;
    private final ApprovalHandlers handlers;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;

    ApprovalService(ApprovalStore store, ApprovalHandlers handlers, TransactionTemplate tx, Clock clock, Ids ids) {
        this.store = store;
        this.handlers = handlers;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Approval request(NewApproval request) {
        handlers.forAction(request.action());
        String details = store.detailsJson(request.details(), NewApproval.MAX_DETAILS_JSON);
        Approval approval = new Approval(ids.next("apr"), request.action(), request.objectType(), request.objectId(), request.requestedBy(),
                request.approverRoles(), request.required(), Approval.PENDING, List.of(), null, Map.of(), DbTimes.now(clock), null);
        // read back, so that the answer shows the details exactly as every later read will
        return tx.execute(s -> {
            store.insert(approval, details);
            return store.find(approval.id(), false).orElseThrow();
        });
    }

    @Override
    public Optional<Approval> find(String id) {
        return isId(id) ? store.find(id, false) : Optional.empty();
    }

    @Override
    public Optional<Approval> findFor(String objectType, String objectId) {
        if (objectType == null || objectId == null) {
            return Optional.empty();
        }
        return store.latestFor(objectType, objectId);
    }

    @Override
    public Page<Approval> list(String status, PageRequest page) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "status must be pending, approved or rejected");
        }
        return store.list(status, page);
    }

    @Override
    public Approval approve(String id, ApiPrincipal operator, String note) {
        return decide(id, operator, note, Ballot.Choice.APPROVE);
    }

    @Override
    public Approval reject(String id, ApiPrincipal operator, String note) {
        return decide(id, operator, note, Ballot.Choice.REJECT);
    }

    private Approval decide(String id, ApiPrincipal operator, String note, Ballot.Choice choice) {
        String checkedNote = Notes.check(note);
        if (!isId(id)) {
            throw ApiException.notFound("approval", id);
        }
        return tx.execute(s -> {
            Approval current = store.find(id, true).orElseThrow(() -> ApiException.notFound("approval", id));
            return switch (Ballot.cast(current, operator, choice, checkedNote, DbTimes.now(clock))) {
                case Ballot.Refused refused -> throw refusal(refused.reason(), current);
                case Ballot.Counted counted -> record(counted);
            };
        });
    }

    private Approval record(Ballot.Counted counted) {
        Approval after = counted.after();
        try {
            store.insertVote(after.id(), counted.choice(), counted.vote());
        } catch (DuplicateKeyException e) {
            throw refusal(Ballot.Refusal.ALREADY_VOTED, after);
        }
        if (counted.decided()) {
            store.decide(after);
            ApprovalHandler handler = handlers.forAction(after.action());
            if (counted.choice() == Ballot.Choice.APPROVE) {
                handler.approved(after);
            } else {
                handler.rejected(after);
            }
        }
        return after;
    }

    private static ApiException refusal(Ballot.Refusal reason, Approval approval) {
        return switch (reason) {
            case OWN_REQUEST -> new ApiException(403, ErrorType.PERMISSION_ERROR, "approval_own_request",
                    "Nobody may decide on their own request: another operator must.", null);
            case ROLE_REQUIRED -> new ApiException(403, ErrorType.PERMISSION_ERROR, "approval_role_required",
                    "Deciding on this approval needs one of the roles: " + roleNames(approval) + ".", null);
            case NOT_PENDING -> ApiException.conflict("approval_unexpected_state", "This approval is " + approval.status() + " already.");
            case ALREADY_VOTED -> ApiException.conflict("approval_already_voted", "You have voted on this approval already.");
        };
    }

    private static String roleNames(Approval approval) {
        return String.join(", ", Stream.concat(Stream.of(OperatorRole.ADMIN), approval.approverRoles().stream()).distinct()
                .map(OperatorRole::wireName).toList());
    }

    private static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
