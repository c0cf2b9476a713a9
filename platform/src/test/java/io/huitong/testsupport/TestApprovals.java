package io.huitong.testsupport;

import tools.jackson.databind.JsonNode;

/**
 * Carries a change that waits for two-person approval through it: the 202 answer's approval is approved by a second
 * operator with the admin role (created and logged in once, on first use), as a real installation's colleague would.
 */
public final class TestApprovals {

    private final Api api;
    private final MutableClock clock;
    private TestOperators.LoggedIn approver;

    public TestApprovals(Api api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** The second operator who approves. */
    public synchronized TestOperators.LoggedIn approver() {
        if (approver == null) {
            approver = new TestOperators(api, clock).createAndLogIn("admin");
        }
        return approver;
    }

    /** Approves the approval a change was answered with (which must be a 202); the approval after the decision. */
    public JsonNode approve(Api.Response pending) {
        if (pending.status() != 202 || !"approval".equals(pending.json().path("object").asString())) {
            throw new IllegalStateException("expected 202 with a pending approval: " + pending.status() + " " + pending.body());
        }
        String path = "/v1/admin/approvals/" + pending.json().path("id").asString() + "/approve";
        Api.Response decided = api.postJson(path, "{}", "Authorization", approver().bearer());
        if (decided.status() == 401) {
            // the approver's session ended (a test moved the platform's clock past its 8 hours): a new approver logs in
            synchronized (this) {
                approver = null;
            }
            decided = api.postJson(path, "{}", "Authorization", approver().bearer());
        }
        if (decided.status() != 200 || !"approved".equals(decided.json().path("status").asString())) {
            throw new IllegalStateException("approval failed: " + decided.status() + " " + decided.body());
        }
        return decided.json();
    }

    /** Sends a change and, when it waits for approval, approves it; answers the change's answer (the 4xx of a refused one). */
    public Api.Response approved(Api.Response change) {
        if (change.status() == 202) {
            approve(change);
        }
        return change;
    }
}
