package io.huitong.web.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.settlement.FxRates;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md "Settlement and payouts": {@code POST|GET /v1/admin/fx_rates}. Rates are an append-only history per pair, the
 * one in force at an instant is the latest effective then, a rate is a decimal string (never a float), and bad input
 * is a 400 that adds nothing.
 */
abstract class FxRateApiTests extends ApiTestSupport {

    @Autowired
    FxRates rates;

    @Autowired
    MutableClock clock;

    private Api.Response post(String body, String... headers) {
        HttpRequest.Builder request = api.request("/v1/admin/fx_rates").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", admin());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.send(request.build());
    }

    private Api.Response list(String query) {
        return api.get("/v1/admin/fx_rates" + query, "Authorization", admin());
    }

    private static List<String> ids(Api.Response r) {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : r.json().path("data")) {
            ids.add(n.path("id").asString());
        }
        return ids;
    }

    @Test
    void anOperatorAddsRatesThatAreListedNewestFirst() {
        Instant before = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Api.Response usd = post("{\"base\":\"USD\",\"quote\":\"CNY\",\"rate\":\"7.1234\"}");

        assertThat(usd.status()).as(usd.body()).isEqualTo(201);
        JsonNode r = usd.json();
        assertThat(r.path("id").asString()).startsWith("fxr_");
        assertThat(r.path("object").asString()).isEqualTo("fx_rate");
        assertThat(r.path("base").asString()).isEqualTo("USD");
        assertThat(r.path("quote").asString()).isEqualTo("CNY");
        assertThat(r.path("rate").isString()).as("a rate is a string, never a JSON number").isTrue();
        assertThat(r.path("rate").asString()).isEqualTo("7.1234");
        assertThat(r.path("created_by").asString()).isEqualTo("admin");
        Instant effective = Instant.parse(r.path("effective_at").asString());
        assertThat(effective).as("now by default").isBetween(before, clock.instant());
        assertThat(r.path("created_at").asString()).isEqualTo(r.path("effective_at").asString());

        Api.Response jpy = post("{\"base\":\"JPY\",\"quote\":\"CNY\",\"rate\":\"0.0480000\",\"effective_at\":\"2026-10-08T00:00:00+08:00\"}");
        assertThat(jpy.status()).as(jpy.body()).isEqualTo(201);
        assertThat(jpy.json().path("rate").asString()).isEqualTo("0.048");
        assertThat(jpy.json().path("effective_at").asString()).isEqualTo("2026-10-07T16:00:00Z");
        Api.Response eur = post("{\"base\":\"EUR\",\"quote\":\"USD\",\"rate\":\"999999999999.9999999999\"}");
        assertThat(eur.status()).as(eur.body()).isEqualTo(201);
        assertThat(eur.json().path("rate").asString()).isEqualTo("999999999999.9999999999");

        String usdId = r.path("id").asString();
        String jpyId = jpy.json().path("id").asString();
        String eurId = eur.json().path("id").asString();
        assertThat(ids(list(""))).containsSubsequence(eurId, jpyId, usdId);
        assertThat(ids(list("?base=USD&quote=CNY"))).contains(usdId).doesNotContain(jpyId, eurId);
        assertThat(ids(list("?quote=CNY"))).contains(usdId, jpyId).doesNotContain(eurId);
        assertThat(ids(list("?base=EUR"))).containsExactly(eurId);
        assertThat(ids(list("?base=&quote="))).as("empty filters filter nothing").containsSubsequence(eurId, jpyId, usdId);
        Api.Response page = list("?limit=1&quote=CNY");
        assertThat(ids(page)).containsExactly(jpyId);
        assertThat(page.json().path("has_more").asBoolean()).isTrue();
        assertThat(ids(list("?limit=1&quote=CNY&starting_after=" + jpyId))).containsExactly(usdId);
        assertThat(list("").json().path("data").get(0).path("rate").asString()).isEqualTo("999999999999.9999999999");
    }

    @Test
    void theRateInForceIsTheLatestEffectiveAndAScheduledRateTakesOverWhenItsTimeComes() {
        Instant now = clock.instant();
        FxRates.FxRate old = rates.add(new FxRates.NewFxRate("HKD", "CNY", "0.91", now.minus(Duration.ofDays(2))), "admin");
        FxRates.FxRate current = rates.add(new FxRates.NewFxRate("HKD", "CNY", "0.92", now.minus(Duration.ofHours(1))), "admin");
        Api.Response scheduled = post("{\"base\":\"HKD\",\"quote\":\"CNY\",\"rate\":\"0.93\",\"effective_at\":\""
                + now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);

        assertThat(rates.rateAt("HKD", "CNY", now)).get().extracting(FxRates.FxRate::id).isEqualTo(current.id());
        assertThat(rates.rateAt("HKD", "CNY", now).orElseThrow().rate()).isEqualByComparingTo("0.92");
        assertThat(rates.rateAt("HKD", "CNY", now.minus(Duration.ofDays(1)))).get().extracting(FxRates.FxRate::id).isEqualTo(old.id());
        assertThat(rates.rateAt("HKD", "CNY", now.plus(Duration.ofDays(2))).orElseThrow().rateText()).isEqualTo("0.93");
        assertThat(rates.rateAt("HKD", "CNY", now.minus(Duration.ofDays(3)))).as("before any rate").isEmpty();
        assertThat(rates.rateAt("CNY", "HKD", now)).as("direct pairs only: never inverted").isEmpty();
        assertThat(rates.rateAt("HKD", "USD", now)).isEmpty();

        // a correction with the same effective_at: the one added last is in force
        Instant at = current.effectiveAt();
        FxRates.FxRate correction = rates.add(new FxRates.NewFxRate("HKD", "CNY", "0.9199", at), "op_finance");
        assertThat(rates.rateAt("HKD", "CNY", now)).get().extracting(FxRates.FxRate::id).isEqualTo(correction.id());
        assertThat(correction.effectiveAt()).isEqualTo(at);
        assertThat(rates.rateAt("HKD", "CNY", now).orElseThrow()).isEqualTo(correction);
        assertThatThrownBy(() -> rates.rateAt("CNY", "CNY", now)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAddsOneRate() {
        String key = UUID.randomUUID().toString();
        String body = "{\"base\":\"SGD\",\"quote\":\"CNY\",\"rate\":\"5.3\"}";
        Api.Response first = post(body, "Idempotency-Key", key);
        Api.Response again = post(body, "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ids(list("?base=SGD"))).hasSize(1);
    }

    @Test
    void badRatesAreRefusedWithA400AndAddNothing() {
        assertThat(post("{\"base\":\"GBP\",\"quote\":\"CNY\",\"rate\":\"9.1\"}").status()).isEqualTo(201);
        String before = list("?limit=100").body();
        Instant now = clock.instant();

        refused("{\"quote\":\"CNY\",\"rate\":\"7.1\"}", "base", "parameter_missing");
        refused("{\"base\":\"USD\",\"rate\":\"7.1\"}", "quote", "parameter_missing");
        refused("{\"base\":\"USD\",\"quote\":\"CNY\"}", "rate", "parameter_missing");
        refused("{\"base\":\"usd\",\"quote\":\"CNY\",\"rate\":\"7.1\"}", "base", "parameter_invalid");
        refused("{\"base\":\"XAU\",\"quote\":\"CNY\",\"rate\":\"7.1\"}", "base", "parameter_invalid");
        refused("{\"base\":\"US\\u0000\",\"quote\":\"CNY\",\"rate\":\"7.1\"}", "base", "parameter_invalid");
        refused("{\"base\":\"USD\",\"quote\":\"C\\u00d1Y\",\"rate\":\"7.1\"}", "quote", "parameter_invalid");
        refused("{\"base\":\"CNY\",\"quote\":\"CNY\",\"rate\":\"1\"}", "quote", "parameter_invalid");
        refused("{\"base\":840,\"quote\":\"CNY\",\"rate\":\"7.1\"}", "base", "parameter_invalid");
        for (String number : new String[] {"7.1234", "7", "1e3", "-1", "1e400", "true", "[\"7.1\"]", "{\"value\":\"7.1\"}"}) {
            refused("{\"base\":\"USD\",\"quote\":\"CNY\",\"rate\":" + number + "}", "rate", "parameter_invalid");
        }
        for (String text : new String[] {"", "0", "0.0000000000", "-7.1", "+7.1", "7.1e3", "1E-3", ".5", "7.", "07.1", "7,1", " 7.1",
                "7.12345678901", "1000000000000", "NaN", "Infinity", "７.１", "7.1\\u0000", "\\u0000", "0x1F",
                "99999999999999999999999999999999999999999999999999999999999999999999999999999999"}) {
            refused("{\"base\":\"USD\",\"quote\":\"CNY\",\"rate\":\"" + text + "\"}", "rate", "parameter_invalid");
        }
        for (String at : new String[] {"yesterday", "2026-13-01T00:00:00Z", "2026-10-08", "2026-10-08T00:00:00", "1790000000",
                "+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2026-10-08T25:00:00Z", "\\u0000",
                now.minus(Duration.ofDays(367)).toString(), now.plus(Duration.ofDays(367)).toString()}) {
            refused("{\"base\":\"USD\",\"quote\":\"CNY\",\"rate\":\"7.1\",\"effective_at\":\"" + at + "\"}", "effective_at", "parameter_invalid");
        }
        refused("{\"base\":\"USD\",\"quote\":\"CNY\",\"rate\":\"7.1\",\"effective_at\":1790000000}", "effective_at", "parameter_invalid");
        refused("{\"base\":\"USD\",\"quote\":\"CNY\",\"rate\":\"7.1\",\"inverse\":true}", "inverse", "parameter_unknown");
        for (String garbage : new String[] {"", "not json", "[]", "{", "null", "\"7.1\""}) {
            Api.Response r = post(garbage);
            assertThat(r.status()).as(garbage + ": " + r.body()).isEqualTo(400);
            assertThat(r.error("code")).isEqualTo("invalid_json");
        }
        Api.Response brokenUtf8 = api.send(api.request("/v1/admin/fx_rates")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 'b', 'a', 's', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'}))
                .header("Content-Type", "application/json").header("Authorization", admin()).build());
        assertThat(brokenUtf8.status()).as(brokenUtf8.body()).isEqualTo(400);
        for (String query : new String[] {"?base=XYZ", "?quote=usd", "?base=%00", "?limit=0", "?limit=101", "?limit=abc"}) {
            assertThat(list(query).status()).as(query).isEqualTo(400);
        }

        assertThat(list("?limit=100").body()).as("nothing added").isEqualTo(before);
        // a rate a year old, or a year ahead, is still taken
        assertThat(post("{\"base\":\"USD\",\"quote\":\"JPY\",\"rate\":\"150.25\",\"effective_at\":\"" + now.minus(Duration.ofDays(364))
                + "\"}").status()).isEqualTo(201);
        assertThat(post("{\"base\":\"USD\",\"quote\":\"JPY\",\"rate\":\"150.25\",\"effective_at\":\"" + now.plus(Duration.ofDays(364))
                + "\"}").status()).isEqualTo(201);
        assertThat(rates.rateAt("USD", "JPY", now).orElseThrow().rate()).isEqualByComparingTo(new BigDecimal("150.25"));
    }

    @Test
    void theEndpointsAreInTheOpenApiDescription() {
        JsonNode docs = api.get("/v3/api-docs").json();
        JsonNode path = docs.path("paths").path("/v1/admin/fx_rates");
        assertThat(path.has("get")).isTrue();
        assertThat(path.has("post")).isTrue();
        JsonNode view = docs.path("components").path("schemas").path("FxRateView").path("properties");
        assertThat(view.propertyNames()).contains("id", "object", "base", "quote", "rate", "effective_at", "created_at", "created_by");
        assertThat(view.path("rate").path("type").toString()).contains("string");
        assertThat(docs.path("components").path("schemas").path("FxRateInput").path("properties").propertyNames())
                .containsExactlyInAnyOrder("base", "quote", "rate", "effective_at");
    }

    private void refused(String body, String param, String code) {
        Api.Response r = post(body);
        String what = body.length() > 120 ? body.substring(0, 120) + "..." : body;
        assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(400);
        assertThat(r.error("code")).as(what + ": " + r.body()).isEqualTo(code);
        assertThat(r.error("param")).as(what + ": " + r.body()).isEqualTo(param);
    }
}
