package io.huitong.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.audit.AuditCommand;
import io.huitong.audit.AuditLog;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestOperators;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/api.md "Audit and approvals": money movements and operator actions on the chain; any stored entry changed by one
 * byte or removed, a recorded ledger transfer changed, or a seal that no longer matches, is named by verification,
 * over HTTP and offline. The chainer runs only when asked here, so that the queue can be looked at too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "huitong.audit.chain-interval=1h")
abstract class AuditApiTests extends ApiTestSupport {

    private static final String VISA = "4242424242424242";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    MutableClock clock;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String user;

    @Value("${spring.datasource.password:}")
    String password;

    private OnboardedMerchant merchant;
    private TestOperators.LoggedIn auditor;
    private TestOperators.LoggedIn support;

    @BeforeEach
    void setUp() {
        if (merchant == null) {
            merchant = onboardMerchant("Audit Tea House", "");
            TestOperators operators = new TestOperators(api, clock);
            auditor = operators.createAndLogIn("auditor");
            support = operators.createAndLogIn("support");
        }
    }

    private String pay(long amount) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":"
                + "{\"number\":\"" + VISA + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}", "Authorization", merchant.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private JsonNode verify() {
        Api.Response r = api.get("/v1/admin/audit/verify", "Authorization", auditor.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private void assertIntact() {
        JsonNode v = verify();
        assertThat(v.path("valid").asBoolean()).as(v.toString()).isTrue();
    }

    private JsonNode entries(String query) {
        Api.Response r = api.get("/v1/admin/audit" + query, "Authorization", auditor.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data");
    }

    private long moneyEntryOf(String paymentId) {
        JsonNode data = entries("?object=" + paymentId);
        for (JsonNode e : data) {
            if (e.path("action").asString().equals("ledger.transfers")) {
                return e.path("seq").asLong();
            }
        }
        throw new AssertionError("no money entry for " + paymentId + ": " + data);
    }

    @Test
    void moneyMovementsAndOperatorActionsAreOnTheChainAndItHolds() {
        String payment = pay(1_250);

        JsonNode money = entries("?object=" + payment);
        assertThat(money).isNotEmpty();
        JsonNode first = money.get(0);
        assertThat(first.path("object").asString()).isEqualTo("audit_entry");
        assertThat(first.path("action").asString()).isEqualTo("ledger.transfers");
        assertThat(first.path("detail").path("references").toString()).contains(payment);
        assertThat(first.path("detail").path("digest").asString()).startsWith("sm3:");
        assertThat(first.path("hash").asString()).hasSize(64);
        assertThat(first.path("prev_hash").asString()).hasSize(64);
        assertThat(first.path("algorithm").asString()).isEqualTo("sm3");

        JsonNode created = null;
        for (JsonNode e : entries("?actor=admin&limit=100")) {
            if (e.path("action").asString().equals("POST /v1/admin/merchants")
                    && e.path("detail").path("request").path("name").asString().equals("Audit Tea House")) {
                created = e;
            }
        }
        assertThat(created).isNotNull();
        assertThat(created.path("actor").asString()).isEqualTo("admin");
        assertThat(created.path("ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(created.path("request_id").asString()).startsWith("req_");

        JsonNode v = verify();
        assertThat(v.path("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("entries").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(v.path("head").asString()).hasSize(64);
        assertThat(v.path("pending").asLong()).isZero();
        assertThat(v.path("ledger_transfers").asLong()).isPositive();
    }

    @Test
    void aMerchantsChangesAreOnTheChainUnderTheMerchantButThePaymentsItTakesOnlyAsMoney() {
        Api.Response endpoint = api.postJson("/v1/webhook_endpoints", "{\"url\":\"http://127.0.0.1:9/hooks\",\"enabled_events\":[\"*\"]}",
                "Authorization", merchant.bearer());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        String endpointId = endpoint.json().path("id").asString();
        String secret = endpoint.json().path("secret").asString();
        String payment = pay(3_000);
        Api.Response refund = api.postJson("/v1/refunds", "{\"payment\":\"" + payment + "\",\"amount\":500}", "Authorization", merchant.bearer());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(api.delete("/v1/webhook_endpoints/" + endpointId, "Authorization", merchant.bearer()).status()).isEqualTo(200);

        JsonNode mine = entries("?actor=" + merchant.id() + "&limit=100");
        java.util.List<String> actions = new java.util.ArrayList<>();
        mine.forEach(e -> actions.add(e.path("action").asString()));
        assertThat(actions).as(mine.toString()).contains("POST /v1/webhook_endpoints", "DELETE /v1/webhook_endpoints/{id}", "POST /v1/refunds")
                .as("a payment it takes is on the chain as the money it moved, not as an action").doesNotContain("POST /v1/payments");
        JsonNode created = entries("?object=" + endpointId + "&actor=" + merchant.id()).get(0);
        assertThat(created.path("ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(created.path("request_id").asString()).startsWith("req_");
        assertThat(mine.toString()).as("the signing secret is the merchant's alone").doesNotContain(secret);
        assertThat(entries("?object=" + payment).get(0).path("action").asString()).isEqualTo("ledger.transfers");
        assertIntact();
    }

    @Test
    void aDirectChangeIsRecordedWithTheStateBeforeAndAfterIt() {
        assertThat(api.putJson("/v1/admin/calendar/2031", "{\"holidays\":[\"2031-01-01\"],\"working_days\":[]}", "Authorization", admin())
                .status()).isEqualTo(200);
        Api.Response second = api.putJson("/v1/admin/calendar/2031", "{\"holidays\":[\"2031-01-01\",\"2031-10-01\"],\"working_days\":[]}",
                "Authorization", admin());
        assertThat(second.status()).isEqualTo(200);
        Map<String, JsonNode> replaced = ofRequest(entries("?object=2031&actor=admin"), second.header("Request-Id"));
        assertThat(replaced.get("before").path("action").asString()).isEqualTo("PUT /v1/admin/calendar/{year}");
        assertThat(replaced.get("before").path("detail").path("before").path("holidays").toString()).isEqualTo("[\"2031-01-01\"]");
        assertThat(replaced.get("before").path("detail").path("request").path("holidays").size()).isEqualTo(2);
        assertThat(replaced.get("after").path("action").asString()).isEqualTo("PUT /v1/admin/calendar/{year}");
        assertThat(replaced.get("after").path("detail").path("after").path("holidays").toString())
                .isEqualTo("[\"2031-01-01\",\"2031-10-01\"]");

        assertThat(replaced.get("before").path("object_type").asString()).isEqualTo("calendar");

        // an action is named by its endpoint, however its path segments look (bank_account is no id)
        Api.Response account = api.putJson("/v1/admin/merchants/" + merchant.id() + "/bank_account", "{\"bank_code\":\"999900000001\","
                + "\"account_number\":\"6222004000000004242\",\"account_name\":\"汇通茶庄\"}", "Authorization", admin());
        assertThat(account.status()).as(account.body()).isEqualTo(202);
        JsonNode asked = entries("?object=" + merchant.id() + "&actor=admin").get(0);
        assertThat(asked.path("action").asString()).isEqualTo("PUT /v1/admin/merchants/{id}/bank_account");
        assertThat(asked.path("object_type").asString()).isEqualTo("merchants");
        assertThat(asked.path("detail").path("request").path("account_number").asString()).isEqualTo("[redacted]");

        TestOperators.LoggedIn leaving = new TestOperators(api, clock).createAndLogIn("support");
        Api.Response disable = api.postJson("/v1/admin/operators/" + leaving.id() + "/disable", "{}", "Authorization", admin());
        assertThat(disable.status()).isEqualTo(200);
        Map<String, JsonNode> disabled = ofRequest(entries("?object=" + leaving.id() + "&actor=admin"), disable.header("Request-Id"));
        assertThat(disabled.get("before").path("action").asString()).isEqualTo("POST /v1/admin/operators/{id}/disable");
        assertThat(disabled.get("before").path("detail").path("before").path("status").asString()).isEqualTo("active");
        assertThat(disabled.get("after").path("detail").path("after").path("status").asString()).isEqualTo("disabled");
        assertIntact();
    }

    /** The entries one request wrote, by what they hold: "before" (the action's record) and "after" (its outcome). */
    private static Map<String, JsonNode> ofRequest(JsonNode entries, String requestId) {
        Map<String, JsonNode> found = new java.util.HashMap<>();
        for (JsonNode e : entries) {
            if (e.path("request_id").asString().equals(requestId)) {
                for (String key : List.of("before", "after")) {
                    if (e.path("detail").has(key)) {
                        found.put(key, e);
                    }
                }
            }
        }
        assertThat(found).as(entries.toString()).containsKeys("before", "after");
        return found;
    }

    @Test
    void operatorsLoginsAndFailedAttemptsAreOnTheChain() {
        TestOperators operators = new TestOperators(api, clock);
        TestOperators.LoggedIn operator = operators.createAndLogIn("support");
        Api.Response wrong = operators.login(operator.email(), "not the password at all", "000000");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
        Api.Response right = operators.loginWithCode(operator.email(), operator.totpSecret());
        assertThat(right.status()).as(right.body()).isEqualTo(201);

        java.util.List<String> outcomes = new java.util.ArrayList<>();
        entries("?actor=" + operator.id() + "&limit=100").forEach(e -> outcomes.add(e.path("action").asString() + " "
                + e.path("detail").path("outcome").asString()));
        assertThat(outcomes).contains("operator.totp_enrolled succeeded", "operator.login succeeded");
        JsonNode failed = null;
        for (JsonNode e : entries("?actor=anonymous&limit=100")) {
            if (e.path("detail").path("email").asString().equals(operator.email())
                    && e.path("detail").path("outcome").asString().equals("invalid_credentials")) {
                failed = e;
            }
        }
        assertThat(failed).as("the failed attempt, under the account it tried").isNotNull();
        assertThat(failed.path("action").asString()).isEqualTo("operator.login");
        assertThat(failed.path("ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(failed.toString()).doesNotContain("not the password at all");
        assertIntact();
    }

    @Test
    void anApprovedChangeIsRecordedWithTheStateBeforeAndAfterItUnderItsApprover() {
        Api.Response requested = api.postJson("/v1/admin/risk/rules/card_velocity", "{\"score\":42}", "Authorization", admin());
        colleague.approve(requested);
        String approver = colleague.approver().id();
        JsonNode decision = null;
        for (JsonNode e : entries("?actor=" + approver)) {
            if (e.path("action").asString().equals("POST /v1/admin/approvals/{id}/approve")) {
                decision = e;
            }
        }
        assertThat(decision).isNotNull();
        assertThat(decision.path("object_id").asString()).isEqualTo(requested.json().path("id").asString());
        assertThat(decision.path("detail").path("before").path("score").asInt()).isNotEqualTo(42);
        assertThat(decision.path("detail").path("after").path("rule").path("score").asInt()).isEqualTo(42);
        // and the request itself, under the requester, with the rule it is about
        JsonNode request = entries("?object=card_velocity&actor=admin").get(0);
        assertThat(request.path("action").asString()).isEqualTo("POST /v1/admin/risk/rules/{id}");
        assertThat(request.path("detail").path("request").path("score").asInt()).isEqualTo(42);
        colleague.approve(api.postJson("/v1/admin/risk/rules/card_velocity", "{\"score\":" + decision.path("detail").path("before").path("score").asInt()
                + "}", "Authorization", admin()));
    }

    @Test
    void anOperatorsSecretsNeverReachTheTrail() {
        new TestOperators(api, clock).create(TestOperators.newEmail(), "finance");
        JsonNode data = entries("?actor=admin&limit=100");
        JsonNode creation = null;
        for (JsonNode e : data) {
            if (e.path("action").asString().equals("POST /v1/admin/operators")) {
                creation = e;
                break;
            }
        }
        assertThat(creation).as(data.toString()).isNotNull();
        assertThat(creation.path("detail").path("request").path("password").asString()).isEqualTo("[redacted]");
        assertThat(creation.toString()).doesNotContain(TestOperators.PASSWORD);
    }

    @Test
    void chainersRunningAtOnceKeepOneDenseChain() throws Exception {
        for (int i = 0; i < 6; i++) {
            pay(1_300 + i);
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_pending", Long.class)).as("waiting for the chainer").isPositive();
        List<java.util.concurrent.Future<io.huitong.audit.Verification>> runs = new java.util.ArrayList<>();
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(audit::verify));
            }
        }
        for (java.util.concurrent.Future<io.huitong.audit.Verification> run : runs) {
            assertThat(run.get().valid()).as(run.get().reason()).isTrue();
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_pending", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select max(seq) - count(*) from audit_entry", Long.class)).as("no gap, no number twice").isZero();
    }

    @Test
    void oneChangedByteInAnyStoredEntryIsNamed() {
        pay(2_000);
        assertIntact();
        long seq = verify().path("entries").asLong() / 2 + 1;
        for (String column : List.of("detail", "actor", "action", "hash", "prev_hash")) {
            String original = jdbc.queryForObject("select " + column + " from audit_entry where seq = ?", String.class, seq);
            char c = original.charAt(original.length() - 1);
            String altered = original.substring(0, original.length() - 1) + (char) (c == '0' ? '1' : c == '}' ? ']' : '0');
            jdbc.update("update audit_entry set " + column + " = ? where seq = ?", altered, seq);
            try {
                JsonNode v = verify();
                assertThat(v.path("valid").asBoolean()).as(column).isFalse();
                assertThat(v.path("first_broken_seq").asLong()).as(column + ": " + v).isEqualTo(column.equals("hash") ? seq : seq);
                assertThat(v.path("reason").asString()).isNotBlank();
            } finally {
                jdbc.update("update audit_entry set " + column + " = ? where seq = ?", original, seq);
            }
        }
        assertIntact();
    }

    @Test
    void aRemovedEntryIsNamed() {
        pay(2_100);
        long entries = verify().path("entries").asLong();
        long seq = entries - 1;
        Map<String, Object> row = jdbc.queryForMap("select * from audit_entry where seq = ?", seq);
        jdbc.update("delete from audit_entry where seq = ?", seq);
        try {
            JsonNode v = verify();
            assertThat(v.path("valid").asBoolean()).isFalse();
            assertThat(v.path("first_broken_seq").asLong()).as(v.toString()).isEqualTo(seq);
            assertThat(v.path("reason").asString()).contains("missing");
        } finally {
            jdbc.update("insert into audit_entry (seq, at, actor, action, object_type, object_id, ip, request_id, detail, algorithm, prev_hash, hash)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("seq"), row.get("at"), row.get("actor"), row.get("action"),
                    row.get("object_type"), row.get("object_id"), row.get("ip"), row.get("request_id"), row.get("detail"), row.get("algorithm"),
                    row.get("prev_hash"), row.get("hash"));
        }
        assertIntact();
    }

    @Test
    void aLedgerTransferChangedAfterItWasRecordedIsNamed() {
        String payment = pay(3_000);
        long seq = moneyEntryOf(payment);
        String transfer = jdbc.queryForObject("select object_id from audit_entry where seq = ?", String.class, seq);
        jdbc.update("update ledger_transfer set amount = amount + 1 where id = ?", transfer);
        try {
            JsonNode v = verify();
            assertThat(v.path("valid").asBoolean()).isFalse();
            assertThat(v.path("first_broken_seq").asLong()).as(v.toString()).isEqualTo(seq);
            assertThat(v.path("reason").asString()).contains("ledger transfer");
        } finally {
            jdbc.update("update ledger_transfer set amount = amount - 1 where id = ?", transfer);
        }
        assertIntact();
    }

    @Test
    void moneyWhoseRecordWasRemovedBeforeItWasChainedShows() {
        pay(3_100);
        List<Map<String, Object>> queued = jdbc.queryForList("select * from audit_pending");
        assertThat(queued).isNotEmpty();
        jdbc.update("delete from audit_pending");
        try {
            JsonNode v = verify();
            assertThat(v.path("valid").asBoolean()).isFalse();
            assertThat(v.path("reason").asString()).as(v.toString()).contains("on neither the chain nor its queue");
        } finally {
            for (Map<String, Object> row : queued) {
                jdbc.update("insert into audit_pending (id, at, actor, action, object_type, object_id, ip, request_id, detail)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("id"), row.get("at"), row.get("actor"), row.get("action"),
                        row.get("object_type"), row.get("object_id"), row.get("ip"), row.get("request_id"), row.get("detail"));
            }
        }
        assertIntact();
    }

    @Test
    void aDaysSealThatNoLongerMatchesIsNamed() {
        pay(4_000);
        LocalDate day = LocalDate.of(2026, 12, 1);
        audit.seal(day);
        JsonNode v = verify();
        assertThat(v.path("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("seals").asLong()).isPositive();
        String key = v.path("seal_key").asString();
        assertThat(key).isNotBlank();

        for (String column : List.of("hash", "signature")) {
            String original = jdbc.queryForObject("select " + column + " from audit_seal where business_date = ?", String.class, day);
            String altered = (original.charAt(0) == 'a' ? "b" : "a") + original.substring(1);
            jdbc.update("update audit_seal set " + column + " = ? where business_date = ?", altered, day);
            try {
                JsonNode broken = verify();
                assertThat(broken.path("valid").asBoolean()).as(column).isFalse();
                assertThat(broken.path("broken_seal").asString()).as(column + ": " + broken).isEqualTo("2026-12-01");
            } finally {
                jdbc.update("update audit_seal set " + column + " = ? where business_date = ?", original, day);
            }
        }
        assertIntact();
    }

    @Test
    void theChainIsCheckedOfflineTheSameWay() {
        pay(5_000);
        audit.seal(LocalDate.of(2026, 12, 2));
        JsonNode online = verify();
        String key = online.path("seal_key").asString();

        Run ok = offline("audit", "verify", "--db", url, "--user", user, "--public-key", key);
        assertThat(ok.code()).as(ok.err()).isZero();
        JsonNode out = JsonMapper.builder().build().readTree(ok.out());
        assertThat(out.path("valid").asBoolean()).isTrue();
        assertThat(out.path("entries").asLong()).isEqualTo(online.path("entries").asLong());
        assertThat(out.path("head").asString()).isEqualTo(online.path("head").asString());

        long seq = 2;
        String original = jdbc.queryForObject("select detail from audit_entry where seq = ?", String.class, seq);
        jdbc.update("update audit_entry set detail = ? where seq = ?", original + " ", seq);
        try {
            Run broken = offline("audit", "verify", "--db", url, "--user", user);
            assertThat(broken.code()).isEqualTo(1);
            assertThat(JsonMapper.builder().build().readTree(broken.out()).path("first_broken_seq").asLong()).isEqualTo(seq);
        } finally {
            jdbc.update("update audit_entry set detail = ? where seq = ?", original, seq);
        }

        // a seal key swapped in the database does not vouch for the chain when the trusted key is pinned
        String otherKey = jdbc.queryForObject("select public_key from audit_seal_key", String.class);
        Run pinnedElsewhere = offline("audit", "verify", "--db", url, "--user", user, "--public-key",
                otherKey.substring(0, otherKey.length() - 8) + "AAAAAAA=");
        assertThat(pinnedElsewhere.code()).isEqualTo(1);

        Run usage = offline("audit", "verify");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("usage");
    }

    private record Run(int code, String out, String err) {
    }

    private Run offline(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AuditCommand.run(args, Map.of("HUITONG_DB_PASSWORD", password), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theAuditorReadsAndDecidesNothingWhileSupportCannotRead() {
        assertThat(api.get("/v1/admin/audit", "Authorization", support.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/admin/audit/verify", "Authorization", support.bearer()).status()).isEqualTo(403);
        Api.Response approve = api.postJson("/v1/admin/approvals/apr_0000000000000000000000000/approve", "{}", "Authorization", auditor.bearer());
        assertThat(approve.status()).as(approve.body()).isEqualTo(403);
        assertThat(api.get("/v1/admin/audit", "Authorization", merchant.bearer()).status()).isIn(401, 403);
    }

    @Test
    void badParametersAreRefusedInTheContractsShape() {
        for (String query : List.of("?starting_after=abc", "?ending_before=-1", "?starting_after=0", "?object=", "?actor=" + "x".repeat(129))) {
            Api.Response r = api.get("/v1/admin/audit" + query, "Authorization", auditor.bearer());
            assertThat(r.status()).as(query + " " + r.body()).isEqualTo(400);
            assertThat(r.error("code")).isEqualTo("parameter_invalid");
        }
        assertThat(api.get("/v1/admin/audit/abc", "Authorization", auditor.bearer()).status()).isEqualTo(400);
        Api.Response none = api.get("/v1/admin/audit/99999999", "Authorization", auditor.bearer());
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.error("code")).isEqualTo("resource_missing");
        assertThat(api.get("/v1/admin/audit?object=%00", "Authorization", auditor.bearer()).status()).isEqualTo(400);
        for (String broken : List.of("?actor=%ff", "?object=%e4%b8", "?limit=%c3%28")) {
            Api.Response r = api.get("/v1/admin/audit" + broken, "Authorization", auditor.bearer());
            assertThat(r.status()).as(broken + " " + r.body()).isEqualTo(400);
            assertThat(r.error("code")).isEqualTo("parameter_invalid");
        }
    }
}
