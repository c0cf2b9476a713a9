package io.huitong.web.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestOperators;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Operator role grants under two-person control (MLPS level 3): once a security administrator is active, a new
 * operator's roles wait for one's approval, and until then the operator cannot log in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoleGrantTests extends ApiTestSupport {

    @Autowired
    MutableClock clock;

    private TestOperators operators;
    private TestOperators.LoggedIn finance;
    private TestOperators.LoggedIn security;

    /** The finance operator first, while no security administrator exists yet: created at once. */
    @BeforeEach
    void staff() {
        if (operators == null) {
            operators = new TestOperators(api, clock);
            finance = operators.createAndLogIn("finance");
            security = operators.createAndLogIn("security");
        }
    }

    @Test
    void onceASecurityAdministratorExistsRoleGrantsWaitForTheirApproval() {
        String email = TestOperators.newEmail();
        Api.Response requested = operators.create(email, "finance", "auditor");
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        assertThat(requested.json().path("action").asString()).isEqualTo("operator.grant_roles");
        assertThat(requested.json().path("approver_roles").toString()).isEqualTo("[\"security\"]");
        assertThat(requested.json().path("details").path("roles").toString()).isEqualTo("[\"auditor\",\"finance\"]");
        assertThat(requested.body()).doesNotContain(TestOperators.PASSWORD);
        String operatorId = requested.json().path("object_id").asString();
        String approval = requested.json().path("id").asString();

        Api.Response pending = operators.login(email, TestOperators.PASSWORD, null);
        assertThat(pending.status()).isEqualTo(401);
        assertThat(pending.error("code")).isEqualTo("operator_pending");
        assertThat(api.get("/v1/admin/operators/" + operatorId, "Authorization", admin()).json().path("status").asString()).isEqualTo("pending");

        Api.Response own = api.postJson("/v1/admin/approvals/" + approval + "/approve", "{}", "Authorization", admin());
        assertThat(own.error("code")).isEqualTo("approval_own_request");
        Api.Response wrongRole = api.postJson("/v1/admin/approvals/" + approval + "/approve", "{}", "Authorization", finance.bearer());
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(wrongRole.error("code")).isEqualTo("approval_role_required");

        Api.Response approved = api.postJson("/v1/admin/approvals/" + approval + "/approve", "{\"note\":\"checked with HR\"}", "Authorization",
                security.bearer());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("approved");
        assertThat(api.get("/v1/admin/operators/" + operatorId, "Authorization", admin()).json().path("status").asString()).isEqualTo("active");
        assertThat(operators.login(email, TestOperators.PASSWORD, null).error("code")).isEqualTo("mfa_enrollment_required");
    }

    @Test
    void aRejectedGrantLeavesTheOperatorDisabled() {
        String email = TestOperators.newEmail();
        Api.Response requested = operators.create(email, "admin");
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        Api.Response rejected = api.postJson("/v1/admin/approvals/" + requested.json().path("id").asString() + "/reject", "{\"note\":\"no\"}",
                "Authorization", security.bearer());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(operators.login(email, TestOperators.PASSWORD, null).error("code")).isEqualTo("operator_disabled");
        // an email taken by the refused operator stays taken
        assertThat(operators.create(email, "support").status()).isEqualTo(409);
    }
}
