package io.huitong.approvals.internal;

import io.huitong.approvals.Approval;
import io.huitong.identity.ApiPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one operator's vote on an approval, free of storage: who may vote, and what the approval
 * becomes. A refusal is a value; the caller decides how to answer it.
 */
final class Ballot {

    enum Choice {
        APPROVE,
        REJECT
    }

    /** Why a vote is not counted, in the order the rules are checked. */
    enum Refusal {
        OWN_REQUEST,
        ROLE_REQUIRED,
        NOT_PENDING,
        ALREADY_VOTED
    }

    sealed interface Outcome permits Refused, Counted {
    }

    record Refused(Refusal reason) implements Outcome {
    }

    /** The vote is counted: {@code after} is the approval with it, decided or still pending. */
    record Counted(Choice choice, Approval.Vote vote, Approval after) implements Outcome {

        boolean decided() {
            return !Approval.PENDING.equals(after.status());
        }
    }

    private Ballot() {
    }

    /**
     * The requester is checked before the roles, and both before the state, so that someone who may not
     * decide learns nothing more from the answer than that.
     */
    static Outcome cast(Approval approval, ApiPrincipal voter, Choice choice, String note, Instant at) {
        if (voter.id().equals(approval.requestedBy())) {
            return new Refused(Refusal.OWN_REQUEST);
        }
        if (!voter.hasAnyRole(approval.approverRoles())) {
            return new Refused(Refusal.ROLE_REQUIRED);
        }
        if (!Approval.PENDING.equals(approval.status())) {
            return new Refused(Refusal.NOT_PENDING);
        }
        if (approval.approvals().stream().anyMatch(v -> v.operator().equals(voter.id()))) {
            return new Refused(Refusal.ALREADY_VOTED);
        }
        Approval.Vote vote = new Approval.Vote(voter.id(), note, at);
        return new Counted(choice, vote, choice == Choice.APPROVE ? withApproval(approval, vote) : withRejection(approval, vote));
    }

    private static Approval withApproval(Approval a, Approval.Vote vote) {
        List<Approval.Vote> approvals = new ArrayList<>(a.approvals());
        approvals.add(vote);
        boolean enough = approvals.size() >= a.required();
        return new Approval(a.id(), a.action(), a.objectType(), a.objectId(), a.requestedBy(), a.approverRoles(), a.required(),
                enough ? Approval.APPROVED : Approval.PENDING, approvals, null, a.details(), a.createdAt(), enough ? vote.at() : null);
    }

    private static Approval withRejection(Approval a, Approval.Vote vote) {
        return new Approval(a.id(), a.action(), a.objectType(), a.objectId(), a.requestedBy(), a.approverRoles(), a.required(),
                Approval.REJECTED, a.approvals(), vote, a.details(), a.createdAt(), vote.at());
    }
}
