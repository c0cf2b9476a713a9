package io.huitong.web.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/** {@code GET/PUT /v1/admin/routing}: the rules operators set for each channel, versioned, all or nothing. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RoutingAdminTests extends ApiTestSupport {

    static final String BOTH = """
            {"channels":[
              {"name":"acq_a","enabled":true,"methods":["card"],"currencies":["CNY","USD"],"min_amount":100,"max_amount":5000000,
               "fee_bps":60,"fee_fixed":0},
              {"name":"acq_b","enabled":true,"methods":["card"],"fee_bps":35,"fee_fixed":20}]}""";

    @Test
    @Order(1)
    void withNothingStoredEveryConfiguredChannelTakesEveryPaymentOfItsMethodsAtNoCost() {
        JsonNode routing = get();
        assertThat(routing.path("object").asString()).isEqualTo("routing");
        assertThat(routing.path("version").asLong()).isZero();
        assertThat(routing.path("updated_at").isNull()).isTrue();
        assertThat(routing.path("channels")).hasSize(6);
        JsonNode a = routing.path("channels").get(0);
        assertThat(a.path("name").asString()).isEqualTo("acq_a");
        assertThat(a.path("enabled").asBoolean()).isTrue();
        assertThat(a.path("methods").toString()).isEqualTo("[\"card\"]");
        assertThat(a.path("currencies")).isEmpty();
        assertThat(a.path("min_amount").isNull()).isTrue();
        assertThat(a.path("max_amount").isNull()).isTrue();
        assertThat(a.path("fee_bps").asInt()).isZero();
        assertThat(a.path("fee_fixed").asLong()).isZero();
        assertThat(routing.path("channels").get(1).path("name").asString()).isEqualTo("acq_b");
        String[][] others = {{"bank", "bank_transfer"}, {"ecny", "ecny"}, {"walletpay", "qr"}};
        for (int i = 0; i < others.length; i++) {
            JsonNode c = routing.path("channels").get(2 + i);
            assertThat(c.path("name").asString()).isEqualTo(others[i][0]);
            assertThat(c.path("methods").toString()).isEqualTo("[\"" + others[i][1] + "\"]");
        }
        JsonNode wallet = routing.path("channels").get(5);
        assertThat(wallet.path("name").asString()).isEqualTo("wallet");
        assertThat(wallet.path("methods").toString()).as("Huitong wallets' payment codes").isEqualTo("[\"payment_code\"]");
    }

    @Test
    @Order(2)
    void aPutReplacesEveryRuleAndBumpsTheVersion() {
        long before = get().path("version").asLong();
        Api.Response put = put(BOTH);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode routing = put.json();
        assertThat(routing.path("object").asString()).isEqualTo("routing");
        assertThat(routing.path("version").asLong()).isEqualTo(before + 1);
        assertThat(Instant.parse(routing.path("updated_at").asString())).isNotNull();
        JsonNode a = routing.path("channels").get(0);
        assertThat(a.path("currencies").toString()).isEqualTo("[\"CNY\",\"USD\"]");
        assertThat(a.path("min_amount").asLong()).isEqualTo(100);
        assertThat(a.path("max_amount").asLong()).isEqualTo(5_000_000);
        assertThat(a.path("fee_bps").asInt()).isEqualTo(60);
        JsonNode b = routing.path("channels").get(1);
        assertThat(b.path("currencies")).isEmpty();
        assertThat(b.path("min_amount").isNull()).isTrue();
        assertThat(b.path("fee_bps").asInt()).isEqualTo(35);
        assertThat(b.path("fee_fixed").asLong()).isEqualTo(20);
        assertThat(get()).as("GET answers what the PUT stored").isEqualTo(routing);

        // a set that leaves acq_b out: acq_b takes no payments
        Api.Response again = put("""
                {"channels":[{"name":"acq_a","enabled":false,"methods":["card"],"currencies":[],"fee_bps":0,"fee_fixed":0}]}""");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("version").asLong()).isEqualTo(before + 2);
        assertThat(get().path("channels")).hasSize(1);
        assertThat(get().path("channels").get(0).path("enabled").asBoolean()).isFalse();
        assertThat(put(BOTH).json().path("version").asLong()).isEqualTo(before + 3);
    }

    @Test
    @Order(3)
    void invalidRulesAreRefusedNamingTheParameterAndChangeNothing() {
        assertThat(put(BOTH).status()).isEqualTo(200);
        JsonNode before = get();
        List<String[]> cases = List.of(
                new String[] {rule("\"name\":\"acq_z\""), "parameter_invalid", "channels[0].name"},
                new String[] {"{\"channels\":[" + one("\"name\":\"acq_a\"") + "," + one("\"name\":\"acq_a\"") + "]}", "parameter_invalid",
                        "channels[1].name"},
                new String[] {rule("\"methods\":[\"cheque\"]"), "parameter_invalid", "channels[0].methods"},
                new String[] {rule("\"methods\":[\"qr\"]"), "parameter_invalid", "channels[0].methods"},
                new String[] {rule("\"methods\":[]"), "parameter_invalid", "channels[0].methods"},
                new String[] {rule("\"currencies\":[\"cny\"]"), "parameter_invalid", "channels[0].currencies"},
                new String[] {rule("\"currencies\":[\"XXX\"]"), "parameter_invalid", "channels[0].currencies"},
                new String[] {rule("\"min_amount\":500,\"max_amount\":499"), "parameter_invalid", "channels[0].min_amount"},
                new String[] {rule("\"max_amount\":-1"), "parameter_invalid", "channels[0].max_amount"},
                new String[] {rule("\"fee_bps\":-1"), "parameter_invalid", "channels[0].fee_bps"},
                new String[] {rule("\"fee_bps\":10001"), "parameter_invalid", "channels[0].fee_bps"},
                new String[] {rule("\"fee_fixed\":-5"), "parameter_invalid", "channels[0].fee_fixed"},
                new String[] {rule("\"fee_bps\":1.5"), "parameter_invalid", "channels[0].fee_bps"},
                new String[] {rule("\"priority\":1"), "parameter_unknown", "channels[0].priority"},
                new String[] {"{\"channels\":[{\"name\":\"acq_a\",\"enabled\":true,\"methods\":[\"card\"],\"fee_bps\":0}]}",
                        "parameter_missing", "channels[0].fee_fixed"},
                new String[] {"{\"channels\":[{\"enabled\":true,\"methods\":[\"card\"],\"fee_bps\":0,\"fee_fixed\":0}]}",
                        "parameter_missing", "channels[0].name"},
                new String[] {"{\"channels\":[{\"name\":\"acq_a\",\"methods\":[\"card\"],\"fee_bps\":0,\"fee_fixed\":0}]}",
                        "parameter_missing", "channels[0].enabled"},
                new String[] {"{}", "parameter_missing", "channels"},
                new String[] {"{\"channels\":[]}", "parameter_invalid", "channels"},
                new String[] {"{\"rules\":[]}", "parameter_unknown", "rules"});
        for (String[] c : cases) {
            Api.Response r = put(c[0]);
            assertThat(r.status()).as(c[0] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.error("type")).as(r.body()).isEqualTo("invalid_request_error");
            assertThat(r.error("code")).as(c[0] + " -> " + r.body()).isEqualTo(c[1]);
            assertThat(r.error("param")).as(c[0] + " -> " + r.body()).isEqualTo(c[2]);
        }
        assertThat(get()).as("nothing changed").isEqualTo(before);
    }

    @Test
    @Order(4)
    void aPaymentNoChannelTakesFailsWithoutReachingAnyChannel() {
        OnboardedMerchant merchant = onboardMerchant("Routing Shop", "");
        assertThat(put("""
                {"channels":[
                  {"name":"acq_a","enabled":true,"methods":["card"],"currencies":["CNY"],"max_amount":10000,"fee_bps":0,"fee_fixed":0},
                  {"name":"acq_b","enabled":false,"methods":["card"],"fee_bps":0,"fee_fixed":0}]}""").status()).isEqualTo(200);
        try {
            Api.Response taken = pay(merchant, 10_000, "CNY");
            assertThat(taken.status()).as(taken.body()).isEqualTo(201);
            assertThat(taken.json().path("channel").asString()).isEqualTo("acq_a");

            for (String[] payment : new String[][] {{"10001", "CNY"}, {"500", "USD"}}) {
                Api.Response refused = pay(merchant, Long.parseLong(payment[0]), payment[1]);
                assertThat(refused.status()).as(refused.body()).isEqualTo(402);
                assertThat(refused.error("code")).as(refused.body()).isEqualTo("processing_error");
                String id = refused.error("payment");
                JsonNode p = api.get("/v1/payments/" + id, "Authorization", merchant.bearer()).json();
                assertThat(p.path("status").asString()).isEqualTo("failed");
                assertThat(p.path("channel").isNull()).as(p.toString()).isTrue();
            }
        } finally {
            assertThat(put(BOTH).status()).isEqualTo(200);
        }
    }

    @Test
    void merchantsCannotSeeOrChangeTheRouting() {
        OnboardedMerchant merchant = onboardMerchant("Curious Router", "");
        JsonNode before = get();
        assertThat(api.get("/v1/admin/routing", "Authorization", merchant.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/admin/routing").status()).isEqualTo(401);
        assertThat(send(BOTH, "Authorization", merchant.bearer()).status()).isEqualTo(403);
        assertThat(send(BOTH, "Accept", "application/json").status()).isEqualTo(401);
        assertThat(get()).isEqualTo(before);
    }

    private static String one(String override) {
        String field = override.substring(1, override.indexOf('"', 1));
        StringBuilder out = new StringBuilder("{");
        String[][] fields = {{"name", "\"acq_a\""}, {"enabled", "true"}, {"methods", "[\"card\"]"}, {"fee_bps", "10"}, {"fee_fixed", "0"}};
        for (String[] f : fields) {
            if (!f[0].equals(field)) {
                out.append('"').append(f[0]).append("\":").append(f[1]).append(',');
            }
        }
        return out.append(override).append('}').toString();
    }

    private static String rule(String override) {
        return "{\"channels\":[" + one(override) + "]}";
    }

    private Api.Response pay(OnboardedMerchant merchant, long amount, String currency) {
        return api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"payment_method\":{\"type\":\"card\","
                + "\"card\":{\"number\":\"4242424242424242\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", merchant.bearer());
    }

    private JsonNode get() {
        Api.Response r = api.get("/v1/admin/routing", "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A PUT, approved by a second operator when it waits for approval: then the rules in force, as GET shows them. */
    private Api.Response put(String body) {
        Api.Response r = send(body, "Authorization", admin());
        if (r.status() != 202) {
            return r;
        }
        colleague.approve(r);
        return api.get("/v1/admin/routing", "Authorization", admin());
    }

    @Test
    void aPutWaitsForASecondOperatorAndChangesNothingUntilApproved() {
        long before = get().path("version").asLong();
        Api.Response requested = send(BOTH, "Authorization", admin());
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        assertThat(requested.json().path("action").asString()).isEqualTo("routing.replace");
        assertThat(requested.json().path("approver_roles").toString()).contains("risk_analyst");
        assertThat(get().path("version").asLong()).isEqualTo(before);
        Api.Response own = api.postJson("/v1/admin/approvals/" + requested.json().path("id").asString() + "/approve", "{}", "Authorization", admin());
        assertThat(own.status()).isEqualTo(403);
        colleague.approve(requested);
        assertThat(get().path("version").asLong()).isEqualTo(before + 1);
    }

    private Api.Response send(String body, String... headers) {
        return api.send(api.request("/v1/admin/routing").PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").headers(headers).build());
    }
}
