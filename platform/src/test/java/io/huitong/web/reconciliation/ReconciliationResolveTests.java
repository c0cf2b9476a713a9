package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestOperators;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Resolving breaks: an adjustment and a write-off post a new, balanced ledger transfer between the card clearing
 * account and the adjustments or write-offs account (the ledger stays balanced, nothing is edited); accepting posts
 * nothing; a write-off at or above the threshold (100,000 minor units) waits for a second finance operator. A
 * statement that supersedes keeps what operators resolved.
 */
abstract class ReconciliationResolveTests extends ReconciliationFixtures {

    Api.Response resolve(String breakId, String action, String note, String bearer) {
        return api.postJson("/v1/admin/reconciliation_breaks/" + breakId + "/resolve", "{\"action\":\"" + action + "\""
                + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}", "Authorization", bearer);
    }

    JsonNode only(String reconciliation, String breakClass) {
        return breaks(reconciliation, breakClass).getFirst();
    }

    JsonNode transfer(String id) {
        Api.Response r = api.get("/v1/admin/ledger/transfers/" + id, "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void adjustWriteOffAndAcceptSettleBreaksWithBalancedCorrections() {
        String changed = payByCard(2_000);
        String dropped = payByCard(2_100);
        plant("acq_a", "{\"amount\":{\"" + changed + "\":-100},\"drop\":[\"" + dropped + "\"],\"unknown\":1}");
        JsonNode r = reconcile("acq_a", today());
        assertBreaks(r, Map.of("amount_mismatch", 1, "timing", 1, "missing_in_ledger", 1));
        String id = r.path("id").asString();

        Api.Response adjusted = resolve(only(id, "amount_mismatch").path("id").asString(), "adjust", "acquirer short-paid", admin());
        assertThat(adjusted.status()).as(adjusted.body()).isEqualTo(200);
        JsonNode a = adjusted.json();
        assertThat(a.path("status").asString()).isEqualTo("resolved");
        assertThat(a.path("resolution").asString()).isEqualTo("adjust");
        assertThat(a.path("resolved_by").asString()).isEqualTo("admin");
        assertThat(a.path("note").asString()).isEqualTo("acquirer short-paid");
        JsonNode t = transfer(a.path("correction").asString());
        assertThat(t.path("debit_account_id").asString()).isEqualTo("platform:reconciliation_adjustments:CNY");
        assertThat(t.path("credit_account_id").asString()).isEqualTo("platform:card_clearing:CNY");
        assertThat(t.path("amount").asLong()).isEqualTo(100);
        assertThat(t.path("code").asString()).isEqualTo("reconciliation_adjustment");
        assertThat(t.path("reference").asString()).isEqualTo(a.path("id").asString());

        JsonNode w = resolve(only(id, "missing_in_ledger").path("id").asString(), "write_off", null, admin()).json();
        assertThat(w.path("resolution").asString()).as(w.toString()).isEqualTo("write_off");
        JsonNode wt = transfer(w.path("correction").asString());
        assertThat(wt.path("debit_account_id").asString()).as("the channel paid what we never booked").isEqualTo("platform:card_clearing:CNY");
        assertThat(wt.path("credit_account_id").asString()).isEqualTo("platform:write_offs:CNY");
        assertThat(wt.path("amount").asLong()).isEqualTo(1_000);

        String timing = only(id, "timing").path("id").asString();
        JsonNode accepted = resolve(timing, "accept", "comes tomorrow", admin()).json();
        assertThat(accepted.path("resolution").asString()).isEqualTo("accept");
        assertThat(accepted.path("correction").isNull()).isTrue();

        Api.Response again = resolve(timing, "adjust", null, admin());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error("code")).isEqualTo("reconciliation_break_unexpected_state");
        assertThat(resolve(timing, "forget", null, admin()).error("code")).isEqualTo("parameter_invalid");
        assertThat(resolve("rbk_nothing", "accept", null, admin()).status()).isEqualTo(404);
        assertLedgerBalanced();

        payByCard(2_200);
        JsonNode next = reconcile("acq_a", today());
        assertThat(next.path("supersedes").asString()).isEqualTo(id);
        assertBreaks(next, Map.of("amount_mismatch", 1, "timing", 1, "missing_in_ledger", 1));
        for (JsonNode b : breaks(next.path("id").asString(), null)) {
            assertThat(b.path("status").asString()).as("carried over: " + b).isEqualTo("resolved");
            assertThat(b.path("note").asString()).contains("carried over from rbk_");
        }
        assertThat(only(next.path("id").asString(), "amount_mismatch").path("correction").asString()).as("the same correction, not a second")
                .isEqualTo(a.path("correction").asString());
        assertLedgerBalanced();
    }

    @Test
    void aLargeWriteOffWaitsForASecondFinanceOperator() {
        TestOperators operators = new TestOperators(api, clock);
        TestOperators.LoggedIn first = operators.createAndLogIn("finance");
        TestOperators.LoggedIn second = operators.createAndLogIn("finance");
        TestOperators.LoggedIn auditor = operators.createAndLogIn("auditor");
        String failed = payByCard(150_000);
        plant("acq_a", "{\"status\":[\"" + failed + "\"]}");
        JsonNode r = reconcile("acq_a", today());
        assertBreaks(r, Map.of("status_mismatch", 1));
        String breakId = only(r.path("id").asString(), "status_mismatch").path("id").asString();
        String asked0 = breakId;

        assertThat(resolve(breakId, "write_off", "card reversed", auditor.bearer()).status()).as("auditors only look").isEqualTo(403);
        Api.Response asked = resolve(breakId, "write_off", "card reversed at the acquirer", first.bearer());
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        JsonNode approval = asked.json();
        assertThat(approval.path("object").asString()).isEqualTo("approval");
        assertThat(approval.path("status").asString()).isEqualTo("pending");
        assertThat(approval.path("action").asString()).isEqualTo("reconciliation.write_off");
        assertThat(approval.path("object_id").asString()).isEqualTo(breakId);
        assertThat(approval.path("details").path("amount").asLong()).isEqualTo(-150_000);
        JsonNode waiting = api.get("/v1/admin/reconciliation_breaks/" + breakId, "Authorization", admin()).json();
        assertThat(waiting.path("status").asString()).isEqualTo("open");
        assertThat(waiting.path("approval").asString()).isEqualTo(approval.path("id").asString());
        assertThat(resolve(breakId, "accept", null, second.bearer()).status()).as("nothing else while it waits").isEqualTo(409);

        payByCard(2_400);
        JsonNode next = reconcile("acq_a", today());
        assertThat(next.path("supersedes").asString()).isEqualTo(r.path("id").asString());
        JsonNode successor = only(next.path("id").asString(), "status_mismatch");
        assertThat(successor.path("approval").asString()).as("the same break of the new statement waits too")
                .isEqualTo(approval.path("id").asString());
        breakId = successor.path("id").asString();

        String path = "/v1/admin/approvals/" + approval.path("id").asString() + "/approve";
        assertThat(api.postJson(path, "{}", "Authorization", first.bearer()).status()).as("not one's own").isEqualTo(403);
        Api.Response approved = api.postJson(path, "{\"note\":\"checked the acquirer's file\"}", "Authorization", second.bearer());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        JsonNode resolved = api.get("/v1/admin/reconciliation_breaks/" + breakId, "Authorization", admin()).json();
        assertThat(resolved.path("status").asString()).isEqualTo("resolved");
        assertThat(resolved.path("resolution").asString()).isEqualTo("write_off");
        assertThat(resolved.path("resolved_by").asString()).isEqualTo(first.id());
        assertThat(resolved.path("note").asString()).startsWith("card reversed at the acquirer");
        assertThat(api.get("/v1/admin/reconciliation_breaks/" + asked0, "Authorization", admin()).json().path("status").asString())
                .as("the superseded statement's break is history").isEqualTo("open");
        JsonNode t = transfer(resolved.path("correction").asString());
        assertThat(t.path("debit_account_id").asString()).isEqualTo("platform:write_offs:CNY");
        assertThat(t.path("credit_account_id").asString()).isEqualTo("platform:card_clearing:CNY");
        assertThat(t.path("amount").asLong()).isEqualTo(150_000);
        assertLedgerBalanced();
    }

    @Test
    void aSmallWriteOffNeedsNoApprovalAndARejectedOneLeavesTheBreakOpen() {
        TestOperators operators = new TestOperators(api, clock);
        TestOperators.LoggedIn first = operators.createAndLogIn("finance");
        TestOperators.LoggedIn second = operators.createAndLogIn("finance");
        String small = payByCard(2_300);
        String large = payByCard(120_000);
        plant("acq_a", "{\"status\":[\"" + small + "\",\"" + large + "\"]}");
        JsonNode r = reconcile("acq_a", today());
        assertBreaks(r, Map.of("status_mismatch", 2));
        String smallBreak = null;
        String largeBreak = null;
        for (JsonNode b : breaks(r.path("id").asString(), "status_mismatch")) {
            if (b.path("reference").asString().equals(small)) {
                smallBreak = b.path("id").asString();
            } else {
                largeBreak = b.path("id").asString();
            }
        }
        assertThat(resolve(smallBreak, "write_off", null, first.bearer()).status()).isEqualTo(200);

        String approval = resolve(largeBreak, "write_off", null, first.bearer()).json().path("id").asString();
        Api.Response rejected = api.postJson("/v1/admin/approvals/" + approval + "/reject", "{\"note\":\"adjust it instead\"}", "Authorization",
                second.bearer());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        JsonNode open = api.get("/v1/admin/reconciliation_breaks/" + largeBreak, "Authorization", admin()).json();
        assertThat(open.path("status").asString()).isEqualTo("open");
        assertThat(open.path("approval").isNull()).isTrue();
        JsonNode adjusted = resolve(largeBreak, "adjust", null, second.bearer()).json();
        assertThat(adjusted.path("resolution").asString()).as(adjusted.toString()).isEqualTo("adjust");
        assertLedgerBalanced();
    }
}
