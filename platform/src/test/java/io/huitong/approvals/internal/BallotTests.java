package io.huitong.approvals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.approvals.Approval;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The voting rules, without Spring or a database. */
class BallotTests {

    private static final Instant CREATED = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant AT = Instant.parse("2026-03-01T03:00:00Z");

    private static Approval pending(int required, OperatorRole... roles) {
        return new Approval("apr_1", "payout.create", "payout", "po_1", "op_requester", Set.of(roles), required, Approval.PENDING,
                List.of(), null, Map.of("amount", 100), CREATED, null);
    }

    private static ApiPrincipal op(String id, OperatorRole... roles) {
        return ApiPrincipal.operator(id, Set.of(roles));
    }

    private static Ballot.Outcome approve(Approval a, ApiPrincipal voter) {
        return Ballot.cast(a, voter, Ballot.Choice.APPROVE, "ok", AT);
    }

    @Test
    void theRequesterIsRefusedEvenAsAdmin() {
        assertThat(approve(pending(1, OperatorRole.FINANCE), op("op_requester", OperatorRole.ADMIN, OperatorRole.FINANCE)))
                .isEqualTo(new Ballot.Refused(Ballot.Refusal.OWN_REQUEST));
        assertThat(Ballot.cast(pending(1), ApiPrincipal.operator(), Ballot.Choice.REJECT, null, AT)).isInstanceOf(Ballot.Counted.class);
    }

    @Test
    void onlyTheApproverRolesOrAdminMayVote() {
        Approval a = pending(1, OperatorRole.FINANCE, OperatorRole.RISK_ANALYST);
        assertThat(approve(a, op("op_s", OperatorRole.SUPPORT, OperatorRole.AUDITOR))).isEqualTo(new Ballot.Refused(Ballot.Refusal.ROLE_REQUIRED));
        assertThat(approve(a, new ApiPrincipal(ApiPrincipal.Kind.USER, "usr_1"))).isEqualTo(new Ballot.Refused(Ballot.Refusal.ROLE_REQUIRED));
        assertThat(approve(a, op("op_r", OperatorRole.RISK_ANALYST))).isInstanceOf(Ballot.Counted.class);
        assertThat(approve(a, op("op_a", OperatorRole.ADMIN))).isInstanceOf(Ballot.Counted.class);
        assertThat(approve(pending(1), op("op_f", OperatorRole.FINANCE))).as("no roles: admin only")
                .isEqualTo(new Ballot.Refused(Ballot.Refusal.ROLE_REQUIRED));
    }

    @Test
    void theLastRequiredApprovalDecides() {
        Approval a = pending(2, OperatorRole.FINANCE);
        Ballot.Counted first = (Ballot.Counted) approve(a, op("op_1", OperatorRole.FINANCE));
        assertThat(first.decided()).isFalse();
        assertThat(first.after().status()).isEqualTo(Approval.PENDING);
        assertThat(first.after().decidedAt()).isNull();
        assertThat(approve(first.after(), op("op_1", OperatorRole.FINANCE))).isEqualTo(new Ballot.Refused(Ballot.Refusal.ALREADY_VOTED));

        Ballot.Counted second = (Ballot.Counted) approve(first.after(), op("op_2", OperatorRole.FINANCE));
        assertThat(second.decided()).isTrue();
        assertThat(second.after().status()).isEqualTo(Approval.APPROVED);
        assertThat(second.after().approvals()).extracting(Approval.Vote::operator).containsExactly("op_1", "op_2");
        assertThat(second.after().decidedAt()).isEqualTo(AT);
        assertThat(approve(second.after(), op("op_3", OperatorRole.FINANCE))).isEqualTo(new Ballot.Refused(Ballot.Refusal.NOT_PENDING));
    }

    @Test
    void aRejectionDecidesAtOnceAndKeepsTheApprovalsBeforeIt() {
        Ballot.Counted first = (Ballot.Counted) approve(pending(3, OperatorRole.FINANCE), op("op_1", OperatorRole.FINANCE));
        Ballot.Counted rejected = (Ballot.Counted) Ballot.cast(first.after(), op("op_2", OperatorRole.FINANCE), Ballot.Choice.REJECT, "no", AT);
        assertThat(rejected.decided()).isTrue();
        assertThat(rejected.after().status()).isEqualTo(Approval.REJECTED);
        assertThat(rejected.after().rejection()).isEqualTo(new Approval.Vote("op_2", "no", AT));
        assertThat(rejected.after().approvals()).extracting(Approval.Vote::operator).containsExactly("op_1");
        assertThat(Ballot.cast(rejected.after(), op("op_3", OperatorRole.FINANCE), Ballot.Choice.REJECT, null, AT))
                .isEqualTo(new Ballot.Refused(Ballot.Refusal.NOT_PENDING));
    }

    @Test
    void whoMayNotDecideLearnsNothingOfTheState() {
        Approval decided = ((Ballot.Counted) approve(pending(1, OperatorRole.FINANCE), op("op_1", OperatorRole.FINANCE))).after();
        assertThat(approve(decided, op("op_requester", OperatorRole.FINANCE))).isEqualTo(new Ballot.Refused(Ballot.Refusal.OWN_REQUEST));
        assertThat(approve(decided, op("op_s", OperatorRole.SUPPORT))).isEqualTo(new Ballot.Refused(Ballot.Refusal.ROLE_REQUIRED));
    }
}
