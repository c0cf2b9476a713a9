package io.huitong.web.pages.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestOperators;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The console's merchants, channels, anti-money-laundering, consumers and system pages, through the same services as the API:
 * onboarding shows the new secret key once, a terms change waits for another finance operator, the AML export is the API's,
 * a consumer's wallet and class are found by id, and the system page shows the books and the chain.
 */
abstract class ConsoleOversightTests extends ConsoleFixtures {

    @Test
    void merchantsChannelsAmlConsumersAndTheSystemOnScreen() {
        TestOperators.LoggedIn admin = operators.createAndLogIn("admin");
        Console console = console(admin);
        page(console.get("/console/merchants"), 200);
        String name = "Console Tea " + UUID.randomUUID().toString().substring(0, 6);
        Api.Response onboarded = console.post("/console/merchants", form("name", name, "email", "ops@consoletea.example", "default_currency", "CNY"));
        page(onboarded, 200);
        assertThat(onboarded.body()).contains("id=\"secret-key\"").contains("sk_");
        assertThat(onboarded.header("Cache-Control")).contains("no-store");
        String merchant = null;
        for (var m : api.get("/v1/admin/merchants?limit=100", "Authorization", admin()).json().path("data")) {
            if (m.path("name").asString().equals(name)) {
                merchant = m.path("id").asString();
            }
        }
        assertThat(merchant).isNotNull();
        page(console.get("/console/merchants/" + merchant), 200);
        Api.Response terms = console.post("/console/merchants/" + merchant + "/terms", form("fee_percent_bps", "250"));
        assertThat(terms.status()).as(terms.body()).isEqualTo(302);
        assertThat(terms.header("Location")).contains("/console/approvals/");
        assertThat(api.get("/v1/admin/merchants/" + merchant, "Authorization", admin()).json().path("fee_percent_bps").asInt())
                .as("waits for approval").isEqualTo(300);
        page(console.post("/console/merchants/" + merchant + "/terms", form("fee_percent_bps", "-1")), 400);
        Api.Response account = console.post("/console/merchants/" + merchant + "/bank_account",
                form("bank_code", "102100099996", "account_number", "110060123456789", "account_name", "Tea House Ltd"));
        assertThat(account.status()).as(account.body()).isEqualTo(302);
        assertThat(account.header("Location")).as("waits for approval").contains("/console/approvals/");
        assertThat(console.get(account.header("Location").replaceFirst("^https?://[^/]+", "")).body())
                .as("shown masked").doesNotContain("110060123456789");
        page(console.post("/console/merchants/" + merchant + "/bank_account", form("bank_code", "x", "account_number", "1", "account_name", "n")), 400);
        page(console.post("/console/merchants/" + merchant + "/terms", form("settlement_currency", "XX")), 400);
        Api.Response merchantFrozen = console.post("/console/merchants/" + merchant + "/freeze", "");
        assertThat(merchantFrozen.status()).as(merchantFrozen.body()).isEqualTo(302);
        assertThat(console.get("/console/merchants/" + merchant + "?done=frozen").body()).contains("id=\"unfreeze\"").doesNotContain("id=\"freeze\"");
        assertThat(api.get("/v1/admin/merchants/" + merchant, "Authorization", admin()).json().path("status").asString()).isEqualTo("frozen");
        Api.Response unfreeze = console.post("/console/merchants/" + merchant + "/unfreeze", "");
        assertThat(unfreeze.header("Location")).as("waits for approval").contains("/console/approvals/");
        page(console.post("/console/merchants/mer_nope/freeze", ""), 404);
        page(console.post("/console/merchants", form("name", "No Mail", "email", "not an email")), 400);

        Api.Response channels = console.get("/console/channels");
        page(channels, 200);
        assertThat(channels.body()).contains("id=\"channel-acq_a\"");

        paymentInReview(); // a large-value movement for the AML reports
        page(console.get("/console/aml"), 200);
        page(console.get("/console/aml?type=bogus"), 400);
        page(console.get("/console/aml?date=yesterday"), 400);
        Api.Response csv = console.get("/console/aml/export/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElse("")).startsWith("report_id");
        assertThat(csv.body()).as("the API's export, to the byte").isEqualTo(api.get("/v1/admin/aml/reports.csv", "Authorization", admin()).body());

        String phone = "+86139" + String.format("%08d", (int) (Math.random() * 100_000_000));
        Api.Response user = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"Plum-blossom 2026\",\"name\":\"Li Lei\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        Api.Response found = console.get("/console/consumers?user=" + user.json().path("id").asString());
        page(found, 200);
        assertThat(found.body()).contains("id=\"wallet-status\"");
        page(console.get("/console/consumers?user=usr_nobody"), 404);
        String userId = user.json().path("id").asString();
        Api.Response freeze = console.post("/console/consumers/" + userId + "/freeze", "");
        assertThat(freeze.status()).as(freeze.body()).isEqualTo(302);
        assertThat(freeze.header("Location")).contains("done=frozen");
        Api.Response frozen = console.get("/console/consumers?user=" + userId);
        assertThat(frozen.body()).contains("status-frozen").contains("/unfreeze").doesNotContain("id=\"freeze\"");
        page(console.post("/console/consumers/usr_nobody/freeze", ""), 404);

        Api.Response system = console.get("/console/system");
        page(system, 200);
        assertThat(system.body()).contains("id=\"books\" class=\"ok\"").contains("id=\"chain\" class=\"ok\"");
    }

    @Test
    void aConsumerSeenFaceToFaceIsRecordedAfterAnotherOperatorApprovesAndOnTheAuditChain() {
        TestOperators.LoggedIn support = operators.createAndLogIn("support");
        TestOperators.LoggedIn analyst = operators.createAndLogIn("risk_analyst");
        String phone = "+86137" + String.format("%08d", (int) (Math.random() * 100_000_000));
        Api.Response user = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"Plum-blossom 2026\",\"name\":\"Han Meimei\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String userId = user.json().path("id").asString();
        String idNumber = io.huitong.testsupport.ResidentIds.next();
        String path = "/console/consumers/" + userId + "/face_to_face";

        Console console = console(support);
        Api.Response page = console.get("/console/consumers?user=" + userId);
        page(page, 200);
        assertThat(page.body()).contains("id=\"face-to-face\"").contains("name=\"id_number\"");
        String wrongCheck = idNumber.substring(0, 17) + (idNumber.charAt(17) == '1' ? "2" : "1");
        page(console.post(path, form("name", "韩梅梅", "id_number", wrongCheck)), 400);
        page(console.post(path, form("name", "韩梅梅")), 400);
        page(console.post(path, form("name", "", "id_number", idNumber)), 400);
        page(console.post("/console/consumers/usr_nobody/face_to_face", form("name", "韩梅梅", "id_number", idNumber)), 404);
        assertThat(api.get("/v1/admin/approvals?status=pending&limit=100", "Authorization", admin()).body())
                .as("nothing refused waits").doesNotContain(userId);
        Console finance = console(operators.createAndLogIn("finance"));
        finance.get("/console");
        page(finance.post(path, form("name", "韩梅梅", "id_number", idNumber)), 403);

        Api.Response asked = console.post(path, form("name", "韩梅梅", "id_number", idNumber));
        assertThat(asked.status()).as(asked.body()).isEqualTo(302);
        assertThat(asked.header("Location")).contains("/console/approvals/").contains("done=requested");
        String approval = asked.header("Location").replaceAll(".*/console/approvals/([^?]+).*", "$1");
        Api.Response pending = api.get("/v1/admin/approvals/" + approval, "Authorization", admin());
        assertThat(pending.json().path("action").asString()).isEqualTo("user.verification.face_to_face");
        assertThat(pending.json().path("details").path("id_number").asString()).isEqualTo("1101**********" + idNumber.substring(14));
        assertThat(pending.body()).as("masked, the identity sealed").doesNotContain(idNumber).doesNotContain("韩梅梅");
        assertThat(console.get("/console/approvals/" + approval).body()).doesNotContain(idNumber);
        assertThat(api.get("/v1/admin/users/" + userId + "/verification", "Authorization", admin()).json().path("verified").asBoolean())
                .as("nothing recorded before approval").isFalse();
        page(console.post("/console/approvals/" + approval + "/approve", form("note", "mine")), 403);

        Console colleague = console(analyst);
        colleague.get("/console/approvals/" + approval);
        Api.Response approved = colleague.post("/console/approvals/" + approval + "/approve", form("note", "saw the card's copy"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        JsonNode verification = api.get("/v1/admin/users/" + userId + "/verification", "Authorization", admin()).json();
        assertThat(verification.path("class").asString()).isEqualTo("III");
        assertThat(verification.path("channels").get(0).path("channel").asString()).isEqualTo("face_to_face");
        assertThat(verification.path("channels").get(0).path("checked_by").asString()).isEqualTo("operator");
        Api.Response after = console.get("/console/consumers?user=" + userId);
        assertThat(after.body()).contains("id=\"account-class\">III<").doesNotContain("id=\"face-to-face\"");

        String trail = api.get("/v1/admin/audit?actor=" + support.id() + "&limit=100", "Authorization", admin()).body();
        assertThat(trail).contains("POST /console/consumers/{user}/face_to_face").contains(userId).doesNotContain(idNumber);
    }
}
