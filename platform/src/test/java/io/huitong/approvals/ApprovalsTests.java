package io.huitong.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The approvals service against a real database, with {@link RecordingApprovalHandler} carrying out {@code test.action}. */
@Import(RecordingApprovalHandler.Config.class)
abstract class ApprovalsTests extends ApiTestSupport {

    private static final AtomicInteger OPERATORS = new AtomicInteger();

    @Autowired
    protected Approvals approvals;

    @Autowired
    protected RecordingApprovalHandler handler;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MutableClock clock;

    @AfterEach
    void handlerSucceedsAgain() {
        handler.succeed();
    }

    /** A new operator with these roles, as the service sees them: ids are never reused across tests. */
    protected static ApiPrincipal operator(OperatorRole... roles) {
        return ApiPrincipal.operator("op_test" + OPERATORS.incrementAndGet(), Set.of(roles));
    }

    protected Approval request(ApiPrincipal requester, int required, OperatorRole... approverRoles) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("amount", 5_000_000L);
        details.put("currency", "CNY");
        details.put("merchant", "mer_tea");
        return approvals.request(new NewApproval(RecordingApprovalHandler.ACTION, "widget", "wdg_" + UUID.randomUUID().toString().substring(0, 8),
                requester.id(), Set.of(approverRoles), required, details));
    }

    protected static void assertRefused(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    private void assertUntouched(Approval before) {
        assertThat(approvals.find(before.id())).contains(before);
        assertThat(handler.calls(before.id())).isEmpty();
    }

    @Test
    void aRequestIsPendingAndReadsBackAsAnswered() {
        ApiPrincipal requester = operator(OperatorRole.FINANCE);
        Approval a = request(requester, 2, OperatorRole.FINANCE);

        assertThat(a.id()).matches("apr_[0-9A-Z]{26}");
        assertThat(a.status()).isEqualTo(Approval.PENDING);
        assertThat(a.requestedBy()).isEqualTo(requester.id());
        assertThat(a.approverRoles()).containsExactly(OperatorRole.FINANCE);
        assertThat(a.approvals()).isEmpty();
        assertThat(a.rejection()).isNull();
        assertThat(a.decidedAt()).isNull();
        assertThat(a.details()).containsExactly(Map.entry("amount", 5_000_000), Map.entry("currency", "CNY"), Map.entry("merchant", "mer_tea"));
        assertThat(approvals.find(a.id())).contains(a);
        assertThat(approvals.findFor("widget", a.objectId())).contains(a);
        Approval later = approvals.request(new NewApproval(RecordingApprovalHandler.ACTION, "widget", a.objectId(), requester.id(),
                Set.of(), 1, null));
        assertThat(approvals.findFor("widget", a.objectId())).as("the latest for the object").contains(later);
        assertThat(approvals.findFor("widget", "wdg_none")).isEmpty();
    }

    @Test
    void aRequestCommitsOrRollsBackWithItsCallersTransaction() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Approval undone = tx.execute(s -> {
            Approval a = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);
            s.setRollbackOnly();
            return a;
        });
        assertThat(approvals.find(undone.id())).isEmpty();
        Approval kept = tx.execute(s -> request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE));
        assertThat(approvals.find(kept.id())).isPresent();
    }

    @Test
    void anActionWithoutAHandlerIsRefusedAtRequestTime() {
        NewApproval orphan = new NewApproval("nobody.handles", "widget", "wdg_1", "op_x", Set.of(OperatorRole.FINANCE), 1, Map.of());
        assertThatThrownBy(() -> approvals.request(orphan)).isInstanceOf(IllegalStateException.class).hasMessageContaining("nobody.handles");
        assertThat(approvals.findFor("widget", "wdg_1")).isEmpty();
    }

    /** A value whose JSON can't be written. */
    public static final class Unserializable {

        public String getValue() {
            throw new IllegalStateException("not now");
        }
    }

    @Test
    void detailsTooLargeOrNotJsonAreRefusedAtRequestTime() {
        Map<String, Object> large = Map.of("lines", "x".repeat(NewApproval.MAX_DETAILS_JSON));
        assertThatThrownBy(() -> approvals.request(new NewApproval(RecordingApprovalHandler.ACTION, "widget", "wdg_large", "op_x",
                Set.of(), 1, large))).isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> opaque = Map.of("broken", new Unserializable());
        assertThatThrownBy(() -> approvals.request(new NewApproval(RecordingApprovalHandler.ACTION, "widget", "wdg_opaque", "op_x",
                Set.of(), 1, opaque))).isInstanceOf(IllegalArgumentException.class);
        assertThat(approvals.findFor("widget", "wdg_large")).isEmpty();
        assertThat(approvals.findFor("widget", "wdg_opaque")).isEmpty();
    }

    @Test
    void nobodyDecidesOnTheirOwnRequest() {
        ApiPrincipal requester = operator(OperatorRole.FINANCE, OperatorRole.ADMIN);
        Approval a = request(requester, 1, OperatorRole.FINANCE);

        assertRefused(() -> approvals.approve(a.id(), requester, null), 403, "approval_own_request");
        assertRefused(() -> approvals.reject(a.id(), requester, "changed my mind"), 403, "approval_own_request");
        assertUntouched(a);
    }

    @Test
    void anOperatorWithoutAnApproverRoleIsRefusedAndAdminAlwaysMay() {
        Approval a = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);

        assertRefused(() -> approvals.approve(a.id(), operator(OperatorRole.SUPPORT, OperatorRole.AUDITOR), null), 403, "approval_role_required");
        assertRefused(() -> approvals.reject(a.id(), operator(OperatorRole.RISK_ANALYST), null), 403, "approval_role_required");
        assertRefused(() -> approvals.approve(a.id(), new ApiPrincipal(ApiPrincipal.Kind.MERCHANT, "mer_x"), null), 403, "approval_role_required");
        assertUntouched(a);

        Approval adminOnly = request(operator(OperatorRole.FINANCE), 1);
        assertRefused(() -> approvals.approve(adminOnly.id(), operator(OperatorRole.FINANCE), null), 403, "approval_role_required");
        assertThat(approvals.approve(adminOnly.id(), ApiPrincipal.operator(), null).status()).isEqualTo(Approval.APPROVED);
    }

    @Test
    void anotherOperatorsApprovalDecidesAndRunsTheHandlerOnceInTheSameTransaction() {
        Approval a = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);
        ApiPrincipal approver = operator(OperatorRole.FINANCE);

        Approval approved = approvals.approve(a.id(), approver, "checked the invoice");

        assertThat(approved.status()).isEqualTo(Approval.APPROVED);
        assertThat(approved.approvals()).singleElement().satisfies(v -> {
            assertThat(v.operator()).isEqualTo(approver.id());
            assertThat(v.note()).isEqualTo("checked the invoice");
        });
        assertThat(approved.decidedAt()).isEqualTo(approved.approvals().getFirst().at());
        assertThat(approvals.find(a.id())).contains(approved);
        assertThat(handler.calls(a.id())).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("approved");
            assertThat(call.approval()).isEqualTo(approved);
            assertThat(call.inTransaction()).isTrue();
            assertThat(call.storedStatus()).as("the decision is written in the handler's transaction").isEqualTo(Approval.APPROVED);
        });
    }

    @Test
    void twoRequiredApprovalsComeFromTwoDifferentOperators() {
        Approval a = request(operator(OperatorRole.FINANCE), 2, OperatorRole.FINANCE, OperatorRole.RISK_ANALYST);
        ApiPrincipal first = operator(OperatorRole.FINANCE);

        Approval once = approvals.approve(a.id(), first, null);
        assertThat(once.status()).isEqualTo(Approval.PENDING);
        assertThat(once.approvals()).extracting(Approval.Vote::operator).containsExactly(first.id());
        assertThat(handler.calls(a.id())).isEmpty();
        assertRefused(() -> approvals.approve(a.id(), first, null), 409, "approval_already_voted");
        assertRefused(() -> approvals.reject(a.id(), first, null), 409, "approval_already_voted");

        ApiPrincipal second = operator(OperatorRole.RISK_ANALYST);
        Approval twice = approvals.approve(a.id(), second, null);
        assertThat(twice.status()).isEqualTo(Approval.APPROVED);
        assertThat(twice.approvals()).extracting(Approval.Vote::operator).containsExactly(first.id(), second.id());
        assertThat(handler.calls(a.id())).hasSize(1);
    }

    @Test
    void aRejectionDecidesAtOnceAndRunsTheRejectedHandler() {
        Approval a = request(operator(OperatorRole.FINANCE), 2, OperatorRole.FINANCE);
        ApiPrincipal approver = operator(OperatorRole.FINANCE);
        approvals.approve(a.id(), approver, null);
        ApiPrincipal rejecter = operator(OperatorRole.FINANCE);

        Approval rejected = approvals.reject(a.id(), rejecter, "wrong account");

        assertThat(rejected.status()).isEqualTo(Approval.REJECTED);
        assertThat(rejected.rejection().operator()).isEqualTo(rejecter.id());
        assertThat(rejected.rejection().note()).isEqualTo("wrong account");
        assertThat(rejected.approvals()).extracting(Approval.Vote::operator).containsExactly(approver.id());
        assertThat(rejected.decidedAt()).isNotNull();
        assertThat(approvals.find(a.id())).contains(rejected);
        assertThat(handler.calls(a.id())).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("rejected");
            assertThat(call.storedStatus()).isEqualTo(Approval.REJECTED);
        });
    }

    @Test
    void aDecidedApprovalCannotBeDecidedAgain() {
        Approval a = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);
        approvals.approve(a.id(), operator(OperatorRole.FINANCE), null);
        Approval b = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);
        approvals.reject(b.id(), operator(OperatorRole.FINANCE), null);

        for (Approval decided : List.of(a, b)) {
            assertRefused(() -> approvals.approve(decided.id(), operator(OperatorRole.FINANCE), null), 409, "approval_unexpected_state");
            assertRefused(() -> approvals.reject(decided.id(), ApiPrincipal.operator(), null), 409, "approval_unexpected_state");
            assertThat(handler.calls(decided.id())).hasSize(1);
        }
    }

    @Test
    void whenTheHandlerThrowsNothingOfTheDecisionIsKept() {
        Approval a = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);
        handler.fail(() -> ApiException.conflict("widget_gone", "The widget is gone."));

        assertRefused(() -> approvals.approve(a.id(), operator(OperatorRole.FINANCE), null), 409, "widget_gone");
        handler.fail(() -> new IllegalStateException("the bank is down"));
        assertThatThrownBy(() -> approvals.reject(a.id(), operator(OperatorRole.FINANCE), null)).isInstanceOf(IllegalStateException.class);
        assertUntouched(a);

        handler.succeed();
        ApiPrincipal again = operator(OperatorRole.FINANCE);
        assertThat(approvals.approve(a.id(), again, null).approvals()).extracting(Approval.Vote::operator).containsExactly(again.id());
        assertThat(handler.calls(a.id())).hasSize(1);
    }

    @Test
    void unknownIdsAndBadNotesAreRefusedAndChangeNothing() {
        Approval a = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);
        ApiPrincipal approver = operator(OperatorRole.FINANCE);

        for (String id : new String[] {"apr_00000000000000000000000000", "apr_x", "", "apr_\u0000", "po_1' or '1'='1", null}) {
            assertRefused(() -> approvals.approve(id, approver, null), 404, "resource_missing");
            assertThat(approvals.find(id)).isEmpty();
        }
        for (String note : new String[] {"a\u0000b", "line\nbreak", "\u001b[31mred", "x".repeat(501), "half \ud800 pair", "\udc00"}) {
            assertRefused(() -> approvals.approve(a.id(), approver, note), 400, "parameter_invalid");
        }
        assertUntouched(a);
        Approval approved = approvals.approve(a.id(), approver, "好的 👍 " + "y".repeat(480));
        assertThat(approved.approvals().getFirst().note()).startsWith("好的 👍");
        assertThat(approvals.find(a.id())).contains(approved);
    }

    @Test
    void listsAreNewestFirstAndFilterByStatus() {
        Approval older = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);
        // ids sort by their millisecond only
        clock.advance(Duration.ofMillis(2));
        Approval newer = request(operator(OperatorRole.FINANCE), 1, OperatorRole.FINANCE);
        approvals.reject(older.id(), operator(OperatorRole.FINANCE), null);

        Page<Approval> all = approvals.list(null, PageRequest.first(2));
        assertThat(all.data()).extracting(Approval::id).containsExactly(newer.id(), older.id());
        assertThat(approvals.list(Approval.PENDING, PageRequest.first(100)).data()).extracting(Approval::id)
                .contains(newer.id()).doesNotContain(older.id());
        assertThat(approvals.list(Approval.REJECTED, PageRequest.first(100)).data()).extracting(Approval::id).contains(older.id());
        assertThat(approvals.list(null, new PageRequest(1, newer.id(), null)).data()).extracting(Approval::id).containsExactly(older.id());
        assertRefused(() -> approvals.list("open", PageRequest.first(10)), 400, "parameter_invalid");
    }
}
