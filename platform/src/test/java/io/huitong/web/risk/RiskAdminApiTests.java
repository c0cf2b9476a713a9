package io.huitong.web.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The rules and lists of risk control through the operator API. */
abstract class RiskAdminApiTests extends ApiTestSupport {

    Api.Response post(String path, String body) {
        return api.postJson(path, body, "Authorization", admin());
    }

    Api.Response get(String path) {
        return api.get(path, "Authorization", admin());
    }

    @Test
    void theDefaultRulesAreVersionOne() {
        JsonNode rules = get("/v1/admin/risk/rules?version=1").json();
        assertThat(rules.path("version").asInt()).isEqualTo(1);
        assertThat(rules.path("created_by").asString()).isEqualTo("system");
        assertThat(rules.path("rules").findValuesAsString("id")).contains("amount_limit_block", "card_velocity", "device_velocity",
                "ip_velocity", "user_velocity", "merchant_velocity", "new_device_large_amount", "new_device_transfer", "impossible_travel", "country_mismatch",
                "card_testing", "amount_above_history");
        assertThat(rules.path("rules").get(0).path("action").asString()).isEqualTo("review");
    }

    @Test
    void everyChangeWaitsForASecondOperatorThenIsANewVersionAndOlderVersionsStayReadable() {
        int before = get("/v1/admin/risk/rules").json().path("version").asInt();
        Api.Response requested = post("/v1/admin/risk/rules", "{\"id\":\"big_usd\",\"name\":\"Big USD\","
                + "\"expression\":\"currency == 'USD' && amount > 100000\",\"action\":\"review\",\"score\":20,\"mode\":\"dry_run\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        assertThat(requested.json().path("status").asString()).isEqualTo("pending");
        assertThat(requested.json().path("action").asString()).isEqualTo("risk.rule.create");
        assertThat(requested.json().path("object_id").asString()).isEqualTo("big_usd");
        assertThat(requested.json().path("requested_by").asString()).isEqualTo("admin");
        // nothing changed while it waits, and the requester can't approve it
        assertThat(get("/v1/admin/risk/rules").json().path("version").asInt()).isEqualTo(before);
        assertThat(get("/v1/admin/risk/rules/big_usd").status()).isEqualTo(404);
        Api.Response own = post("/v1/admin/approvals/" + requested.json().path("id").asString() + "/approve", "{}");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.error("code")).isEqualTo("approval_own_request");

        colleague.approve(requested);
        JsonNode created = get("/v1/admin/risk/rules").json();
        int version = created.path("version").asInt();
        assertThat(version).isEqualTo(before + 1);
        assertThat(created.path("created_by").asString()).isEqualTo("admin");

        colleague.approve(post("/v1/admin/risk/rules/big_usd", "{\"mode\":\"active\"}"));
        assertThat(get("/v1/admin/risk/rules").json().path("version").asInt()).isEqualTo(version + 1);
        assertThat(get("/v1/admin/risk/rules/big_usd").json().path("mode").asString()).isEqualTo("active");
        assertThat(get("/v1/admin/risk/rules/big_usd").json().path("expression").asString()).isEqualTo("currency == 'USD' && amount > 100000");

        JsonNode old = get("/v1/admin/risk/rules?version=" + version).json();
        assertThat(old.path("rules").findValuesAsString("mode")).contains("dry_run");
        assertThat(get("/v1/admin/risk/rules/versions").json().path("data").findValuesAsString("change"))
                .contains("created big_usd", "updated big_usd", "the default rules");

        colleague.approve(api.delete("/v1/admin/risk/rules/big_usd", "Authorization", admin()));
        assertThat(get("/v1/admin/risk/rules").json().path("version").asInt()).isEqualTo(version + 2);
        assertThat(get("/v1/admin/risk/rules/big_usd").status()).isEqualTo(404);
    }

    @Test
    void aRejectedRuleChangeChangesNothing() {
        int before = get("/v1/admin/risk/rules").json().path("version").asInt();
        Api.Response requested = post("/v1/admin/risk/rules", "{\"id\":\"never\",\"expression\":\"amount > 1\",\"action\":\"block\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        Api.Response rejected = api.postJson("/v1/admin/approvals/" + requested.json().path("id").asString() + "/reject", "{\"note\":\"too broad\"}",
                "Authorization", colleague.approver().bearer());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("rejected");
        assertThat(get("/v1/admin/risk/rules").json().path("version").asInt()).isEqualTo(before);
        assertThat(get("/v1/admin/risk/rules/never").status()).isEqualTo(404);
        // a change of an unknown rule, or a second rule with a taken id, is refused at once: nothing waits
        assertThat(post("/v1/admin/risk/rules/no_such_rule", "{\"mode\":\"active\"}").status()).isEqualTo(404);
        assertThat(api.delete("/v1/admin/risk/rules/no_such_rule", "Authorization", admin()).status()).isEqualTo(404);
        Api.Response taken = post("/v1/admin/risk/rules", "{\"id\":\"card_velocity\",\"expression\":\"amount > 1\",\"action\":\"block\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.error("code")).isEqualTo("rule_exists");
    }

    @Test
    void anExpressionThatDoesNotCompileIsA400NamingIt() {
        int before = get("/v1/admin/risk/rules").json().path("version").asInt();
        Api.Response bad = post("/v1/admin/risk/rules", "{\"name\":\"x\",\"expression\":\"amount > \",\"action\":\"block\"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.error("param")).isEqualTo("expression");
        assertThat(bad.error("message")).contains("expression does not compile");

        Api.Response unknown = post("/v1/admin/risk/rules", "{\"name\":\"x\",\"expression\":\"no_such_variable > 1\",\"action\":\"block\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error("message")).contains("no_such_variable");

        Api.Response notBool = post("/v1/admin/risk/rules", "{\"name\":\"x\",\"expression\":\"amount + 1\",\"action\":\"block\"}");
        assertThat(notBool.status()).isEqualTo(400);
        assertThat(notBool.error("param")).isEqualTo("expression");

        Api.Response badAction = post("/v1/admin/risk/rules", "{\"name\":\"x\",\"expression\":\"amount > 1\",\"action\":\"allow\"}");
        assertThat(badAction.status()).isEqualTo(400);
        assertThat(badAction.error("param")).isEqualTo("action");
        assertThat(get("/v1/admin/risk/rules").json().path("version").asInt()).isEqualTo(before);
    }

    @Test
    void aCardIsListedByItsFingerprintNeverItsNumber() {
        Api.Response listed = post("/v1/admin/risk/lists/card", "{\"card_number\":\"4242424242424242\",\"action\":\"block\",\"reason\":\"stolen\"}");
        assertThat(listed.status()).as(listed.body()).isEqualTo(201);
        assertThat(listed.body()).doesNotContain("4242424242424242");
        String fingerprint = listed.json().path("value").asString();
        assertThat(fingerprint).matches("[0-9a-f]{64}");

        Api.Response again = post("/v1/admin/risk/lists/card", "{\"fingerprint\":\"" + fingerprint + "\",\"action\":\"allow\"}");
        assertThat(again.status()).isEqualTo(409);

        JsonNode entries = get("/v1/admin/risk/lists/card").json().path("data");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("reason").asString()).isEqualTo("stolen");
        assertThat(entries.get(0).path("created_by").asString()).isEqualTo("admin");

        Api.Response removed = api.delete("/v1/admin/risk/lists/card/" + listed.json().path("id").asString(), "Authorization", admin());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(get("/v1/admin/risk/lists/card").json().path("data")).isEmpty();
    }

    @Test
    void theDecisionLogShowsEveryDecisionByMovementAndByCard() {
        OnboardedMerchant merchant = onboardMerchant("Ledger Tea", "");
        String number = io.huitong.simulator.Simulator.approvedCard("620000", System.nanoTime() % 1_000_000_000L);
        String body = "{\"amount\":2000,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\"" + number
                + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}},\"risk_context\":{\"ip\":\"8.8.8.8\",\"country\":\"CN\","
                + "\"device_id\":\"phone-1\"}}";
        Api.Response first = api.postJson("/v1/payments", body, "Authorization", merchant.bearer());
        Api.Response second = api.postJson("/v1/payments", body, "Authorization", merchant.bearer());
        assertThat(first.status()).as(first.body()).isEqualTo(201);

        JsonNode byReference = get("/v1/admin/risk/decisions?reference=" + first.json().path("id").asString()).json().path("data");
        assertThat(byReference).hasSize(1);
        JsonNode d = byReference.get(0);
        assertThat(d.path("object").asString()).isEqualTo("risk_decision");
        assertThat(d.path("id").asString()).startsWith("rsd_");
        assertThat(d.path("decision").asString()).isEqualTo("challenge");
        assertThat(d.path("reasons").toString()).contains("country_mismatch");
        assertThat(d.path("device_id").asString()).isEqualTo("phone-1");
        assertThat(d.path("ip").asString()).isEqualTo("8.8.8.8");
        assertThat(d.path("merchant").asString()).isEqualTo(merchant.id());
        assertThat(d.toString()).doesNotContain(number);

        // by the card's fingerprint, newest first, a page at a time
        String fingerprint = d.path("card_fingerprint").asString();
        assertThat(fingerprint).matches("[0-9a-f]{64}");
        JsonNode page = get("/v1/admin/risk/decisions?card_fingerprint=" + fingerprint + "&limit=1").json();
        assertThat(page.path("has_more").asBoolean()).isTrue();
        assertThat(page.path("data").get(0).path("reference").asString()).isEqualTo(second.json().path("id").asString());
        JsonNode next = get("/v1/admin/risk/decisions?card_fingerprint=" + fingerprint + "&limit=1&starting_after="
                + page.path("data").get(0).path("id").asString()).json();
        assertThat(next.path("data").get(0).path("reference").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(next.path("has_more").asBoolean()).isFalse();

        // exactly one of reference, user and card_fingerprint
        assertThat(get("/v1/admin/risk/decisions").status()).isEqualTo(400);
        assertThat(get("/v1/admin/risk/decisions?reference=pay_1&user=usr_1").status()).isEqualTo(400);
        Api.Response badCard = get("/v1/admin/risk/decisions?card_fingerprint=4242");
        assertThat(badCard.status()).isEqualTo(400);
        assertThat(badCard.error("param")).isEqualTo("card_fingerprint");
        assertThat(get("/v1/admin/risk/decisions?user=usr_nobody").json().path("data")).isEmpty();
    }

    @Test
    void listEntriesAreChecked() {
        assertThat(post("/v1/admin/risk/lists/ip", "{\"value\":\"not an ip\",\"action\":\"block\"}").error("param")).isEqualTo("value");
        assertThat(post("/v1/admin/risk/lists/ip", "{\"value\":\"8.8.8.8\",\"action\":\"maybe\"}").error("param")).isEqualTo("action");
        assertThat(post("/v1/admin/risk/lists/card", "{\"value\":\"4242424242424242\",\"action\":\"block\"}").error("param")).isEqualTo("value");
        assertThat(post("/v1/admin/risk/lists/planets", "{\"value\":\"x\",\"action\":\"block\"}").status()).isEqualTo(404);
        assertThat(post("/v1/admin/risk/lists/device", "{\"value\":\"dev-1\",\"action\":\"block\"}").status()).isEqualTo(201);
        assertThat(post("/v1/admin/risk/lists/ip", "{\"value\":\"2001:db8::1\",\"action\":\"allow\"}").status()).isEqualTo(201);
    }
}
