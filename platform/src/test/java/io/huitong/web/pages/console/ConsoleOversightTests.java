package io.huitong.web.pages.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.aml.AmlMonitoring;
import io.huitong.aml.NewAmlTransaction;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestOperators;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The console's merchants, channels, anti-money-laundering, consumers and system pages, through the same services as the API:
 * onboarding shows the new secret key once, a terms change waits for another finance operator, the AML export is the API's,
 * suspicious-pattern alerts are listed by rule and age with links to their customer and report, a consumer's wallet and class
 * are found by id and a face-to-face verification waits for another operator, and the system page shows the books and the
 * chain.
 */
abstract class ConsoleOversightTests extends ConsoleFixtures {

    @Autowired
    AmlMonitoring monitoring;

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

    @Test
    void suspiciousPatternAlertsByRuleAndAgeLinkToTheirCustomerAndReport() {
        String phone = "+86136" + String.format("%08d", (int) (Math.random() * 100_000_000));
        Api.Response user = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"Plum-blossom 2026\",\"name\":\"Li Lei\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String consumer = user.json().path("id").asString();
        String card = "card:console-alerts-" + UUID.randomUUID();
        Instant now = clock.instant();
        for (int i = 3; i > 0; i--) {
            debit(consumer, now.minusSeconds(60L * i));
            debit(card, now.minus(Duration.ofDays(20)).minusSeconds(60L * i));
        }
        String recent = alertOf(consumer);
        String older = alertOf(card);

        Console admin = console(operators.createAndLogIn("admin"));
        Api.Response all = admin.get("/console/aml/alerts");
        page(all, 200);
        assertThat(all.body()).contains("id=\"alert-" + recent + "\"").contains("id=\"alert-" + older + "\"")
                .contains("href=\"/console/consumers?user=" + consumer + "\"").contains("href=\"/console/aml/reports/" + recent + "\"");
        assertThat(admin.get("/console/aml").body()).contains("id=\"alerts-link\"");
        Api.Response week = admin.get("/console/aml/alerts?age=7");
        page(week, 200);
        assertThat(week.body()).contains("id=\"alert-" + recent + "\"").doesNotContain("id=\"alert-" + older + "\"");
        assertThat(admin.get("/console/aml/alerts?age=30&rule=round_amounts").body()).contains("id=\"alert-" + recent + "\"")
                .contains("id=\"alert-" + older + "\"");
        assertThat(admin.get("/console/aml/alerts?age=1&customer=" + consumer).body()).contains("id=\"alert-" + recent + "\"");
        assertThat(admin.get("/console/aml/alerts?rule=fan_out&customer=" + consumer).body()).doesNotContain("id=\"alert-" + recent + "\"");
        page(admin.get("/console/aml/alerts?age=5"), 400);
        page(admin.get("/console/aml/alerts?rule=laundering"), 400);
        page(admin.get("/console/aml/alerts?rule=individual_transfer"), 400);
        page(admin.get("/console/aml/alerts?after=%27%3B--"), 400);

        Api.Response report = admin.get("/console/aml/reports/" + recent);
        page(report, 200);
        assertThat(report.body()).contains("id=\"aml-transactions\"").contains("round_amounts")
                .contains("id=\"report-customer\" href=\"/console/consumers?user=" + consumer + "\"");
        page(admin.get("/console/aml/reports/amlr_nothing"), 404);

        // a risk analyst reads the alerts but does not open consumers' pages: the customer is named, not linked
        Console analyst = console(operators.createAndLogIn("risk_analyst"));
        Api.Response analysts = analyst.get("/console/aml/alerts?customer=" + consumer);
        page(analysts, 200);
        assertThat(analysts.body()).contains("id=\"alert-" + recent + "\"").contains(consumer)
                .doesNotContain("href=\"/console/consumers?user=" + consumer + "\"");
        page(console(operators.createAndLogIn("support")).get("/console/aml/alerts"), 403);
    }

    /** A debit of 10,000.00 CNY: a round amount, far under any large-value figure. */
    void debit(String customer, Instant at) {
        monitoring.record(new NewAmlTransaction("test:" + UUID.randomUUID(), "test_transfer", customer, "individual", "debit",
                "counterparty-" + UUID.randomUUID(), null, null, 1_000_000L, "CNY", false, false, at));
    }

    /** The customer's one suspicious-pattern alert, as the API lists it. */
    String alertOf(String customer) {
        Api.Response r = api.get("/v1/admin/aml/reports?type=suspicious&customer=" + customer, "Authorization", admin());
        assertThat(r.json().path("data")).as(r.body()).hasSize(1);
        assertThat(r.json().path("data").get(0).path("rule").asString()).isEqualTo("round_amounts");
        return r.json().path("data").get(0).path("id").asString();
    }
}
