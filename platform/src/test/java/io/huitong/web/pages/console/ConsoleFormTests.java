package io.huitong.web.pages.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestOperators;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console's forms as the API's rules have them: a change that needs two people waits for another operator's approval on
 * screen too, and nobody approves their own request; what an attacker or a broken client sends (no CSRF token, text that is no
 * text, nonsense values, someone else's ids, a redirect elsewhere) is a 4xx page, never a 5xx, and changes nothing.
 */
abstract class ConsoleFormTests extends ConsoleFixtures {

    String status(String path, String field) {
        return api.get(path, "Authorization", admin()).json().path(field).asString();
    }

    @Test
    void aRuleChangeWaitsForAnotherAnalystAndNobodyApprovesTheirOwn() {
        TestOperators.LoggedIn first = operators.createAndLogIn("risk_analyst");
        TestOperators.LoggedIn second = operators.createAndLogIn("risk_analyst");
        Console mine = console(first);
        mine.get("/console/risk/rules");
        String id = "console_rule_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        Api.Response asked = mine.post("/console/risk/rules", form("rule_id", id, "name", "Very large at night", "expression",
                "amount > 90000000 && hour_of_day < 5", "action", "review", "score", "40", "mode", "dry_run"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(302);
        String approval = asked.header("Location").replaceAll(".*/console/approvals/([^?]+).*", "$1");
        Api.Response waiting = mine.get("/console/approvals/" + approval + "?done=requested");
        page(waiting, 200);
        assertThat(waiting.body()).contains("status-pending").contains("id=\"decidable\"").doesNotContain("id=\"approve\"");
        assertThat(api.get("/v1/admin/risk/rules/" + id, "Authorization", admin()).status()).as("not in force yet").isEqualTo(404);

        Api.Response own = mine.post("/console/approvals/" + approval + "/approve", form("note", "mine"));
        page(own, 403);
        assertThat(own.body()).contains("approval_own_request");
        assertThat(status("/v1/admin/approvals/" + approval, "status")).isEqualTo("pending");

        Console colleagues = console(second);
        Api.Response open = colleagues.get("/console/approvals/" + approval);
        assertThat(open.body()).contains("id=\"approve\"");
        Api.Response approved = colleagues.post("/console/approvals/" + approval + "/approve", form("note", "looked at the expression"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        assertThat(status("/v1/admin/approvals/" + approval, "status")).isEqualTo("approved");
        assertThat(status("/v1/admin/risk/rules/" + id, "mode")).isEqualTo("dry_run");
        assertThat(api.get("/v1/admin/audit?actor=" + second.id(), "Authorization", admin()).body())
                .contains("POST /console/approvals/{id}/approve").contains("looked at the expression");
    }

    @Test
    void garbageFormsAreRefusedWithA4xxPageAndChangeNothing() {
        TestOperators.LoggedIn analyst = operators.createAndLogIn("risk_analyst");
        String payment = paymentInReview();
        String review = reviewOf(payment);
        Console console = console(analyst);
        page(console.get("/console/risk/reviews/" + review), 200);
        String approve = "/console/risk/reviews/" + review + "/approve";

        page(console.post(approve, form("note", "x".repeat(501))), 400);
        page(console.post(approve, "note=a%00b"), 400);
        page(console.post(approve, "note=%ED%A0%80"), 400);
        page(console.post(approve, "note=%ff%fe"), 400);
        assertThat(console.post(approve, "note=%").status()).isBetween(400, 499);
        page(console.postRaw(approve, "note=fine"), 403);
        page(console.postRaw(approve, "note=fine&_csrf=%25%25"), 403);
        page(console.post("/console/risk/reviews/rcase_nothing/approve", ""), 404);
        assertThat(console.post("/console/risk/reviews/" + "%2e%2e" + "/approve", "").status()).isBetween(400, 499);
        assertThat(status("/v1/admin/risk/reviews/" + review, "status")).isEmpty();
        assertThat(api.get("/v1/admin/risk/reviews/" + review, "Authorization", admin()).json().path("review").path("status").asString())
                .as("still open").isEqualTo("open");

        page(console.get("/console/risk/reviews?status=bogus"), 400);
        page(console.get("/console/risk/reviews?after=%27%3B--"), 400);
        page(console.get("/console/risk/lists?type=planet"), 400);
        page(console.post("/console/risk/lists/planet", form("value", "x", "action", "block")), 400);
        page(console.post("/console/risk/lists/ip", form("value", "not an address", "action", "block")), 400);
        page(console.post("/console/risk/lists/ip", form("value", "203.0.113.9", "action", "banish")), 400);
        page(console.post("/console/risk/rules", form("name", "broken", "expression", "amount >", "action", "block")), 400);
        page(console.post("/console/risk/rules", form("name", "n", "expression", "amount > 1", "action", "block", "score", "1e9")), 400);
        assertThat(api.get("/v1/admin/risk/lists/ip", "Authorization", admin()).body()).doesNotContain("203.0.113.9");
        assertThat(api.get("/v1/admin/approvals?status=pending", "Authorization", admin()).body()).doesNotContain("\"broken\"");

        // a decision's way back is a console page, never another site
        Api.Response decided = console.post("/console/risk/reviews/" + review + "/reject", form("note", "stolen card"));
        assertThat(decided.status()).isEqualTo(302);
        assertThat(api.get("/v1/admin/risk/reviews/" + review, "Authorization", admin()).json().path("review").path("status").asString())
                .isEqualTo("rejected");
        page(console.post(approve, ""), 409);
    }

    @Test
    void financeFormsRefuseNonsenseAndChangeNothing() {
        TestOperators.LoggedIn finance = operators.createAndLogIn("finance");
        TestOperators.LoggedIn auditor = operators.createAndLogIn("auditor");
        String breakId = amountMismatch();
        Console console = console(finance);
        page(console.get("/console/reconciliation-breaks/" + breakId), 200);
        String resolve = "/console/reconciliation-breaks/" + breakId + "/resolve";
        page(console.post(resolve, form("action", "forget")), 400);
        page(console.post(resolve, ""), 400);
        page(console.post(resolve, form("action", "adjust", "note", "y".repeat(501))), 400);
        Console reader = console(auditor);
        reader.get("/console/reconciliation-breaks/" + breakId);
        page(reader.post(resolve, form("action", "accept")), 403);
        assertThat(api.postJson("/v1/admin/reconciliation_breaks/" + breakId + "/resolve", "{\"action\":\"accept\"}", "Authorization",
                auditor.bearer()).status()).as("the API refuses the auditor too").isEqualTo(403);
        assertThat(reconciliationBreak(breakId).path("status").asString()).isEqualTo("open");

        String runs = api.get("/v1/admin/settlement_runs?limit=100", "Authorization", admin()).body();
        page(console.post("/console/settlement-runs", form("business_date", "2999-01-01")), 400);
        page(console.post("/console/settlement-runs", form("business_date", "yesterday")), 400);
        page(console.post("/console/settlement-runs", form("merchant", "mer_nobody")), 400);
        page(console.get("/console/settlement-runs/srun_nothing"), 404);
        page(console.post("/console/reconciliations", form("channel", "nowhere", "business_date", today().toString())), 400);
        assertThat(api.get("/v1/admin/settlement_runs?limit=100", "Authorization", admin()).body()).isEqualTo(runs);

        page(console.get("/console/approvals/apr_nothing"), 404);
        page(console.post("/console/approvals/apr_nothing/approve", ""), 404);
        Api.Response elsewhere = console.post("/console/approvals/apr_nothing/reject", form("back", "https://evil.example/"));
        page(elsewhere, 404);

        Console auditorAudit = console(auditor);
        page(auditorAudit.get("/console/audit?after=abc"), 400);
        page(auditorAudit.get("/console/audit?object=" + "o".repeat(129)), 400);
        assertThat(auditorAudit.get("/console/audit?actor=%00").status()).as("refused before any page").isEqualTo(400);

        Api.Response resolved = console.post(resolve, form("action", "accept", "note", "within tolerance"));
        assertThat(resolved.status()).isEqualTo(302);
        assertThat(resolved.header("Location")).contains("done=resolved");
        page(console.post(resolve, form("action", "adjust")), 409);
    }
}
