package io.huitong.web.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.approvals.Approval;
import io.huitong.approvals.Approvals;
import io.huitong.approvals.NewApproval;
import io.huitong.approvals.RecordingApprovalHandler;
import io.huitong.identity.OperatorRole;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestOperators;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** docs/api.md "Audit and approvals": operators list, read and decide approvals over HTTP. */
// one instance for all tests, so that its operators are created and logged in once per database
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(RecordingApprovalHandler.Config.class)
abstract class ApprovalApiTests extends ApiTestSupport {

    private static final String PATH = "/v1/admin/approvals";

    @Autowired
    Approvals approvals;

    @Autowired
    RecordingApprovalHandler handler;

    @Autowired
    MutableClock clock;

    private TestOperators.LoggedIn requester;
    private TestOperators.LoggedIn approver;
    private TestOperators.LoggedIn support;

    @BeforeEach
    void operators() {
        if (requester == null) {
            TestOperators operators = new TestOperators(api, clock);
            requester = operators.createAndLogIn("finance");
            approver = operators.createAndLogIn("finance", "auditor");
            support = operators.createAndLogIn("support");
        }
    }

    private Approval pending(int required) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("amount", 12_000_000);
        details.put("currency", "CNY");
        details.put("merchant", "mer_tea");
        return approvals.request(new NewApproval(RecordingApprovalHandler.ACTION, "widget", "wdg_" + UUID.randomUUID().toString().substring(0, 8),
                requester.id(), Set.of(OperatorRole.FINANCE), required, details));
    }

    private Api.Response decide(String id, String verb, String body, String bearer) {
        return api.postJson(PATH + "/" + id + "/" + verb, body, "Authorization", bearer);
    }

    private static void assertError(Api.Response r, int status, String type, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.error("type")).isEqualTo(type);
        assertThat(r.error("code")).isEqualTo(code);
    }

    @Test
    void anApprovalIsShownInTheContractsShape() {
        Approval a = pending(1);

        Api.Response got = api.get(PATH + "/" + a.id(), "Authorization", approver.bearer());
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        JsonNode json = got.json();
        assertThat(json.path("object").asString()).isEqualTo("approval");
        assertThat(json.path("id").asString()).isEqualTo(a.id());
        assertThat(json.path("status").asString()).isEqualTo("pending");
        assertThat(json.path("action").asString()).isEqualTo("test.action");
        assertThat(json.path("object_type").asString()).isEqualTo("widget");
        assertThat(json.path("object_id").asString()).isEqualTo(a.objectId());
        assertThat(json.path("requested_by").asString()).isEqualTo(requester.id());
        assertThat(json.path("approver_roles").toString()).isEqualTo("[\"finance\"]");
        assertThat(json.path("required").asInt()).isEqualTo(1);
        assertThat(json.path("approvals").isArray()).isTrue();
        assertThat(json.path("approvals")).isEmpty();
        assertThat(json.has("rejection") && json.path("rejection").isNull()).isTrue();
        assertThat(json.path("details").toString()).isEqualTo("{\"amount\":12000000,\"currency\":\"CNY\",\"merchant\":\"mer_tea\"}");
        assertThat(json.path("created_at").asString()).endsWith("Z");
        assertThat(json.has("decided_at") && json.path("decided_at").isNull()).isTrue();

        Api.Response list = api.get(PATH + "?status=pending&limit=100", "Authorization", admin());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("object").asString()).isEqualTo("list");
        assertThat(list.json().path("data").get(0).path("id").asString()).isEqualTo(a.id());
        assertThat(api.get(PATH, "Authorization", support.bearer()).status()).as("support reads no approvals").isEqualTo(403);
    }

    @Test
    void theEndpointsAreDocumented() {
        JsonNode docs = api.get("/v3/api-docs").json();
        assertThat(docs.path("paths").propertyNames()).contains(PATH, PATH + "/{id}", PATH + "/{id}/approve", PATH + "/{id}/reject");
        assertThat(docs.path("paths").path(PATH + "/{id}/approve").path("post").path("description").asString())
                .contains("approval_own_request", "approval_role_required");
        assertThat(docs.path("components").path("schemas").path("AdminApproval").path("properties").propertyNames())
                .containsExactlyInAnyOrder("object", "id", "status", "action", "object_type", "object_id", "requested_by", "approver_roles",
                        "required", "approvals", "rejection", "details", "created_at", "decided_at");
    }

    @Test
    void anotherFinanceOperatorApprovesAndTheActionRunsOnce() {
        Approval a = pending(1);

        assertError(decide(a.id(), "approve", "{}", requester.bearer()), 403, "permission_error", "approval_own_request");
        assertError(decide(a.id(), "reject", "{}", requester.bearer()), 403, "permission_error", "approval_own_request");
        assertError(decide(a.id(), "approve", "{}", support.bearer()), 403, "permission_error", "approval_role_required");
        assertThat(handler.calls(a.id())).isEmpty();

        Api.Response approved = api.postJson(PATH + "/" + a.id() + "/approve", "{\"note\":\"invoice 42 checked\"}",
                "Authorization", approver.bearer(), "Idempotency-Key", "approve-" + a.id());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("approved");
        JsonNode vote = approved.json().path("approvals").get(0);
        assertThat(vote.path("operator").asString()).isEqualTo(approver.id());
        assertThat(vote.path("note").asString()).isEqualTo("invoice 42 checked");
        assertThat(approved.json().path("decided_at").asString()).isEqualTo(vote.path("at").asString());

        Api.Response replayed = api.postJson(PATH + "/" + a.id() + "/approve", "{\"note\":\"invoice 42 checked\"}",
                "Authorization", approver.bearer(), "Idempotency-Key", "approve-" + a.id());
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).isEqualTo(approved.body());
        assertThat(handler.calls(a.id())).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo("approved"));

        assertError(decide(a.id(), "approve", "{}", admin()), 409, "invalid_request_error", "approval_unexpected_state");
        assertError(decide(a.id(), "reject", "", admin()), 409, "invalid_request_error", "approval_unexpected_state");
        assertThat(handler.calls(a.id())).hasSize(1);
    }

    @Test
    void theAdminKeyRejectsWithoutABodyAndTheRejectionIsShown() {
        Approval a = pending(2);
        assertThat(decide(a.id(), "approve", "{\"note\":null}", approver.bearer()).json().path("status").asString()).isEqualTo("pending");
        assertError(decide(a.id(), "approve", "{}", approver.bearer()), 409, "invalid_request_error", "approval_already_voted");

        Api.Response rejected = api.send(api.request(PATH + "/" + a.id() + "/reject").POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", admin()).build());

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("rejected");
        assertThat(rejected.json().path("rejection").path("operator").asString()).isEqualTo("admin");
        assertThat(rejected.json().path("rejection").path("note").isNull()).isTrue();
        assertThat(rejected.json().path("approvals").get(0).path("operator").asString()).isEqualTo(approver.id());
        assertThat(handler.calls(a.id())).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo("rejected"));
        Api.Response listed = api.get(PATH + "?status=rejected&limit=100", "Authorization", approver.bearer());
        assertThat(listed.json().path("data").get(0).path("id").asString()).isEqualTo(a.id());
    }

    @Test
    void badInputIsRefusedWithA4xxAndChangesNothing() {
        Approval a = pending(1);
        String bearer = approver.bearer();

        assertError(decide(a.id(), "approve", "{\"note\":\"a\\u0000b\"}", bearer), 400, "invalid_request_error", "parameter_invalid");
        assertError(decide(a.id(), "approve", "{\"note\":\"x\\ny\"}", bearer), 400, "invalid_request_error", "parameter_invalid");
        assertError(decide(a.id(), "approve", "{\"note\":\"" + "n".repeat(501) + "\"}", bearer), 400, "invalid_request_error", "parameter_invalid");
        assertError(decide(a.id(), "approve", "{\"note\":\"\\ud800\"}", bearer), 400, "invalid_request_error", "parameter_invalid");
        assertError(decide(a.id(), "approve", "{\"note\":5}", bearer), 400, "invalid_request_error", "parameter_invalid");
        assertError(decide(a.id(), "approve", "{\"note\":\"ok\",\"amount\":1}", bearer), 400, "invalid_request_error", "parameter_unknown");
        assertError(decide(a.id(), "reject", "{\"note\":", bearer), 400, "invalid_request_error", "invalid_json");
        assertThat(decide(a.id(), "reject", "[\"note\"]", bearer).status()).isEqualTo(400);
        assertThat(decide(a.id(), "reject", "\"note\"", bearer).status()).isEqualTo(400);
        assertThat(decide(a.id(), "reject", "{\"note\":\"a\u0000b\"}", bearer).status()).as("a raw NUL inside a JSON string").isEqualTo(400);
        assertThat(send(a.id(), new byte[] {'{', '"', 'n', 'o', 't', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, bearer).status())
                .as("broken UTF-8").isEqualTo(400);
        assertThat(send(a.id(), new byte[] {(byte) 0xFF, (byte) 0xFE, '{'}, bearer).status()).as("not JSON at all").isEqualTo(400);

        for (String id : new String[] {"apr_00000000000000000000000000", "apr_x", "po_1", "%27%20or%201=1", "apr_%E2%80%AE"}) {
            assertError(decide(id, "approve", "{}", bearer), 404, "invalid_request_error", "resource_missing");
            assertThat(api.get(PATH + "/" + id, "Authorization", bearer).status()).as(id).isEqualTo(404);
        }
        // the servlet container refuses these paths before any handler sees them
        for (String id : new String[] {"apr_%00", "apr_%C3%28", "apr_%C0%AE", "%2e%2e", "apr_%2Fx"}) {
            assertThat(decide(id, "approve", "{}", bearer).status()).as(id).isBetween(400, 404);
            assertThat(api.get(PATH + "/" + id, "Authorization", bearer).status()).as(id).isBetween(400, 404);
        }
        assertError(api.get(PATH + "?status=open", "Authorization", bearer), 400, "invalid_request_error", "parameter_invalid");
        assertThat(api.get(PATH + "?status=pending%00", "Authorization", bearer).status()).isEqualTo(400);
        assertThat(api.get(PATH + "?limit=0", "Authorization", bearer).status()).isEqualTo(400);

        assertThat(approvals.find(a.id())).contains(a);
        assertThat(handler.calls(a.id())).isEmpty();
    }

    private Api.Response send(String id, byte[] body, String bearer) {
        return api.send(api.request(PATH + "/" + id + "/approve").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").header("Authorization", bearer).build());
    }
}
