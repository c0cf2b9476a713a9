package io.huitong.web.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.insights.MerchantInsights;
import io.huitong.insights.PaymentPage;
import io.huitong.insights.PaymentQuery;
import io.huitong.insights.PaymentRow;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The merchant dashboard's read side over the API: the overview's figures checked to the minor unit against payments
 * made through the API with test cards (rollup and live part together), payment search filters and keyset pages, the
 * CSV export read back, another merchant's payment not found, bad filters refused. Each test has days of its own,
 * later than the previous test's, so that the rollup (one per platform) only ever sees time go forward.
 */
abstract class InsightsApiTests extends ApiTestSupport {

    static final String DECLINED = "4000000000000002";
    private static final AtomicInteger DAYS = new AtomicInteger();

    @Autowired
    MutableClock clock;

    @Autowired
    MerchantInsights insights;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void rollupByHand(DynamicPropertyRegistry registry) {
        registry.add("huitong.insights.rollup-automatic", () -> "false");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A day (Asia/Shanghai, yyyy-MM-dd) no earlier test used, two days after the last one. */
    static String freshDay() {
        return java.time.LocalDate.of(2027, 3, 1).plusDays(3L * DAYS.incrementAndGet()).toString();
    }

    static String dayBefore(String day) {
        return java.time.LocalDate.parse(day).minusDays(1).toString();
    }

    void at(String day, String time) {
        clock.setTo(Instant.parse(day + "T" + time + "+08:00"));
    }

    static String card() {
        return io.huitong.simulator.Simulator.approvedCard("424242", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    JsonNode pay(OnboardedMerchant m, long amount, String currency, String extra) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"payment_method\":"
                + "{\"type\":\"card\",\"card\":{\"number\":\"" + card() + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}"
                + (extra.isEmpty() ? "" : "," + extra) + "}", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    String paid(OnboardedMerchant m, long amount) {
        JsonNode p = pay(m, amount, "CNY", "");
        assertThat(p.path("status").asString()).isEqualTo("succeeded");
        return p.path("id").asString();
    }

    String declined(OnboardedMerchant m, long amount) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":"
                + "{\"type\":\"card\",\"card\":{\"number\":\"" + DECLINED + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(402);
        return r.json().path("error").path("payment").asString();
    }

    void refund(OnboardedMerchant m, String payment, long amount) {
        Api.Response r = api.postJson("/v1/refunds", "{\"payment\":\"" + payment + "\",\"amount\":" + amount + "}", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    JsonNode overview(OnboardedMerchant m, String period) {
        Api.Response r = api.get("/v1/insights/overview?period=" + period, "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static JsonNode currency(JsonNode overview, String currency) {
        for (JsonNode c : overview.path("currencies")) {
            if (c.path("currency").asString().equals(currency)) {
                return c;
            }
        }
        throw new AssertionError("no " + currency + " in " + overview);
    }

    JsonNode roll() {
        Api.Response r = api.postJson("/v1/admin/insights/rollup", "{}", "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static long trendAmount(JsonNode c, String start) {
        for (JsonNode t : c.path("trend")) {
            if (Instant.parse(t.path("start").asString()).equals(Instant.parse(start))) {
                return t.path("succeeded_amount").asLong();
            }
        }
        throw new AssertionError("no bucket " + start + " in " + c.path("trend"));
    }

    @Test
    void theOverviewCountsTodaysPaymentsPerCurrencyWithRatesTrendMethodsAndYesterdayAsFarAsNow() {
        OnboardedMerchant m = onboardMerchant("汇通茶庄 Overview", "");
        String day = freshDay();
        at(dayBefore(day), "09:00:00");
        paid(m, 500);
        at(dayBefore(day), "11:00:00");
        paid(m, 700);
        at(day, "09:05:00");
        paid(m, 1000);
        at(day, "10:01:00");
        paid(m, 2000);
        String big = paid(m, 3000);
        declined(m, 4000);
        JsonNode unconfirmed = pay(m, 5000, "CNY", "\"confirm\":false");
        assertThat(unconfirmed.path("status").asString()).isEqualTo("requires_confirmation");
        pay(m, 999, "USD", "");
        at(day, "10:20:00");

        JsonNode o = overview(m, "today");
        assertThat(o.path("object").asString()).isEqualTo("insights_overview");
        assertThat(o.path("period").asString()).isEqualTo("today");
        assertThat(o.path("granularity").asString()).isEqualTo("hour");
        assertThat(Instant.parse(o.path("start").asString())).isEqualTo(Instant.parse(day + "T00:00:00+08:00"));
        assertThat(Instant.parse(o.path("as_of").asString())).isBetween(Instant.parse(day + "T10:20:00+08:00"),
                Instant.parse(day + "T10:21:00+08:00"));
        JsonNode cny = currency(o, "CNY");
        assertThat(cny.path("attempted").asLong()).isEqualTo(5);
        assertThat(cny.path("succeeded_count").asLong()).isEqualTo(3);
        assertThat(cny.path("succeeded_amount").asLong()).isEqualTo(6000);
        assertThat(cny.path("refunded_amount").asLong()).isZero();
        assertThat(cny.path("success_rate").asString()).isEqualTo("0.6000");
        assertThat(cny.path("refund_rate").asString()).isEqualTo("0.0000");
        assertThat(cny.path("trend")).as("00:00 to 10:00, one bucket an hour").hasSize(11);
        assertThat(trendAmount(cny, day + "T09:00:00+08:00")).isEqualTo(1000);
        assertThat(trendAmount(cny, day + "T10:00:00+08:00")).isEqualTo(5000);
        assertThat(trendAmount(cny, day + "T08:00:00+08:00")).isZero();
        assertThat(cny.path("by_method")).hasSize(1);
        JsonNode card = cny.path("by_method").get(0);
        assertThat(card.path("method").asString()).isEqualTo("card");
        assertThat(card.path("attempted").asLong()).isEqualTo(5);
        assertThat(card.path("succeeded_count").asLong()).isEqualTo(3);
        assertThat(card.path("succeeded_amount").asLong()).isEqualTo(6000);
        JsonNode previous = cny.path("previous");
        assertThat(previous.path("attempted").asLong()).as("yesterday until 10:20 only").isEqualTo(1);
        assertThat(previous.path("succeeded_amount").asLong()).isEqualTo(500);
        assertThat(previous.path("success_rate").asString()).isEqualTo("1.0000");
        JsonNode usd = currency(o, "USD");
        assertThat(usd.path("succeeded_amount").asLong()).isEqualTo(999);
        assertThat(usd.path("previous").path("attempted").asLong()).isZero();

        refund(m, big, 1500);
        JsonNode after = currency(overview(m, "today"), "CNY");
        assertThat(after.path("refunded_amount").asLong()).isEqualTo(1500);
        assertThat(after.path("refund_rate").asString()).isEqualTo("0.2500");
        assertThat(after.path("succeeded_amount").asLong()).as("a refund takes nothing from what succeeded").isEqualTo(6000);

        JsonNode yesterday = currency(overview(m, "yesterday"), "CNY");
        assertThat(yesterday.path("attempted").asLong()).isEqualTo(2);
        assertThat(yesterday.path("succeeded_amount").asLong()).isEqualTo(1200);
        JsonNode week = overview(m, "7d");
        assertThat(week.path("granularity").asString()).isEqualTo("day");
        JsonNode weekCny = currency(week, "CNY");
        assertThat(weekCny.path("trend")).hasSize(7);
        assertThat(weekCny.path("succeeded_amount").asLong()).isEqualTo(7200);
        assertThat(trendAmount(weekCny, day + "T00:00:00+08:00")).isEqualTo(6000);
        assertThat(trendAmount(weekCny, dayBefore(day) + "T00:00:00+08:00")).isEqualTo(1200);
        assertThat(currency(overview(m, "30d"), "CNY").path("trend")).hasSize(30);
    }

    @Test
    void closedHoursFromTheRollupAndTheOpenHourLiveCountOnceAndLateChangesAreRolledAgain() {
        OnboardedMerchant m = onboardMerchant("汇通茶庄 Rollup", "");
        String day = freshDay();
        at(day, "08:30:00");
        String early = paid(m, 1000);
        String later = pay(m, 4000, "CNY", "\"confirm\":false").path("id").asString();
        at(day, "10:10:00");
        JsonNode pass = roll();
        assertThat(Instant.parse(pass.path("rolled_until").asString())).isEqualTo(Instant.parse(day + "T10:00:00+08:00"));
        paid(m, 2000);
        assertThat(jdbc.sql("select sum(succeeded_amount) from insights_hourly where merchant_id = ?").params(m.id()).query(Long.class)
                .single()).as("08:00 is rolled").isEqualTo(1000);

        JsonNode cny = currency(overview(m, "today"), "CNY");
        assertThat(cny.path("attempted").asLong()).isEqualTo(3);
        assertThat(cny.path("succeeded_count").asLong()).isEqualTo(2);
        assertThat(cny.path("succeeded_amount").asLong()).isEqualTo(3000);
        assertThat(trendAmount(cny, day + "T08:00:00+08:00")).isEqualTo(1000);
        assertThat(trendAmount(cny, day + "T10:00:00+08:00")).isEqualTo(2000);
        assertThat(roll().path("hours_rolled").asInt()).as("nothing changed in a closed hour").isZero();
        assertThat(currency(overview(m, "today"), "CNY").path("succeeded_amount").asLong()).as("a second pass counts nothing twice")
                .isEqualTo(3000);

        // two late changes to the closed hour 08:00: a refund, and the unconfirmed payment confirmed
        at(day, "10:15:00");
        refund(m, early, 500);
        Api.Response confirmed = api.postJson("/v1/payments/" + later + "/confirm", "{}", "Authorization", m.bearer());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        roll();
        JsonNode rolled = currency(overview(m, "today"), "CNY");
        assertThat(rolled.path("attempted").asLong()).isEqualTo(3);
        assertThat(rolled.path("succeeded_count").asLong()).isEqualTo(3);
        assertThat(rolled.path("succeeded_amount").asLong()).isEqualTo(7000);
        assertThat(rolled.path("refunded_amount").asLong()).isEqualTo(500);
        assertThat(rolled.path("refund_rate").asString()).isEqualTo("0.0714");
        assertThat(trendAmount(rolled, day + "T08:00:00+08:00")).isEqualTo(5000);

        // hours later the open hour has closed too: all of it from the rollup, the same figures
        at(day, "13:00:00");
        roll();
        assertThat(jdbc.sql("select sum(succeeded_amount) from insights_hourly where merchant_id = ?").params(m.id()).query(Long.class)
                .single()).isEqualTo(7000);
        JsonNode all = currency(overview(m, "today"), "CNY");
        assertThat(all.path("succeeded_amount").asLong()).isEqualTo(7000);
        assertThat(all.path("refunded_amount").asLong()).isEqualTo(500);
        assertThat(currency(overview(m, "7d"), "CNY").path("succeeded_amount").asLong()).isEqualTo(7000);
    }

    @Test
    void searchFiltersNarrowAndPagesFollowOneAnother() {
        OnboardedMerchant m = onboardMerchant("汇通茶庄 Search", "");
        String day = freshDay();
        at(day, "09:00:00");
        JsonNode first = pay(m, 1000, "CNY", "\"description\":\"龙井 Longjing\",\"metadata\":{\"order_id\":\"A-100_1\"}");
        at(day, "10:00:00");
        JsonNode second = pay(m, 2000, "CNY", "\"description\":\"普洱 Pu'er\"");
        at(day, "11:00:00");
        JsonNode third = pay(m, 3000, "CNY", "");
        String failed = declined(m, 4000);
        at(day, "12:00:00");
        JsonNode fourth = pay(m, 5000, "CNY", "\"metadata\":{\"order_id\":\"A-101\"}");
        List<String> newestFirst = List.of(fourth.path("id").asString(), failed, third.path("id").asString(), second.path("id").asString(),
                first.path("id").asString());

        assertThat(ids("")).isEqualTo(newestFirst);
        assertThat(ids("status=failed")).containsExactly(failed);
        assertThat(ids("status=succeeded&method=card")).hasSize(4).doesNotContain(failed);
        assertThat(ids("method=qr")).isEmpty();
        assertThat(ids("amount_gte=1500&amount_lte=3000")).containsExactly(third.path("id").asString(), second.path("id").asString());
        assertThat(ids("created_gte=" + enc(day + "T09:30:00+08:00") + "&created_lte=" + enc(day + "T10:30:00+08:00")))
                .containsExactly(second.path("id").asString());
        assertThat(ids("reference=" + second.path("id").asString())).containsExactly(second.path("id").asString());
        assertThat(ids("reference=" + enc("普洱 Pu'er"))).containsExactly(second.path("id").asString());
        assertThat(ids("reference=A-100_1")).containsExactly(first.path("id").asString());
        assertThat(ids("reference=A-100")).as("a metadata value is matched whole").isEmpty();
        String last4 = third.path("payment_method").path("card").path("last4").asString();
        assertThat(ids("card_last4=" + last4)).contains(third.path("id").asString()).allSatisfy(id ->
                assertThat(jdbc.sql("select card_last4 from payment where id = ?").params(id).query(String.class).single()).isEqualTo(last4));

        // keyset pages over the API and the Java API
        List<String> paged = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Api.Response r = api.get("/v1/payments?limit=2" + (after == null ? "" : "&starting_after=" + after), "Authorization", m.bearer());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().path("data").forEach(p -> paged.add(p.path("id").asString()));
            more = r.json().path("has_more").asBoolean();
            after = paged.getLast();
        }
        assertThat(paged).isEqualTo(newestFirst);
        List<String> javaPaged = new ArrayList<>();
        PaymentPage page = insights.search(m.id(), PaymentQuery.all().page(null, 2));
        while (true) {
            page.data().forEach(p -> javaPaged.add(p.id()));
            if (page.nextStartingAfter() == null) {
                break;
            }
            page = insights.search(m.id(), PaymentQuery.all().page(page.nextStartingAfter(), 2));
        }
        assertThat(javaPaged).isEqualTo(newestFirst);
        PaymentRow row = insights.search(m.id(), PaymentQuery.all().withReference("A-101")).data().getFirst();
        assertThat(row.id()).isEqualTo(fourth.path("id").asString());
        assertThat(row.amount()).isEqualTo(5000);
        assertThat(row.method()).isEqualTo("card");
        assertThat(row.cardLast4()).isEqualTo(fourth.path("payment_method").path("card").path("last4").asString());
        assertThat(insights.search(m.id(), PaymentQuery.all().withStatus("failed").withAmount(4000L, 4000L)).data())
                .extracting(PaymentRow::id).containsExactly(failed);
        assertThat(insights.search(m.id(), PaymentQuery.all().withCardLast4(last4)).data()).extracting(PaymentRow::id)
                .contains(third.path("id").asString());
        refund(m, second.path("id").asString(), 700);
        assertThat(insights.search(m.id(), PaymentQuery.all().withReference(second.path("id").asString())).data().getFirst().amountRefunded())
                .isEqualTo(700);
    }


    @Test
    void theExportWritesEveryMatchingPaymentAsCsvAndXlsx() {
        OnboardedMerchant m = onboardMerchant("汇通茶庄 Export", "");
        String day = freshDay();
        at(day, "09:00:00");
        List<String> succeeded = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            succeeded.add(pay(m, 1000L * i, "CNY", "\"description\":\"订单 " + i + ", \\\"quoted\\\"\"").path("id").asString());
        }
        declined(m, 999);
        Api.Download csv = api.download("/v1/payments/export.csv?status=succeeded", "Authorization", m.bearer());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"payments-")
                .endsWith(".csv\"");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        List<List<String>> rows = CsvRows.parse(text.substring(1));
        int header = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isEmpty() && rows.get(i).getFirst().equals("创建时间 Created")) {
                header = i;
            }
        }
        assertThat(header).as(text).isPositive();
        List<List<String>> data = rows.subList(header + 1, rows.size()).stream().filter(r -> r.size() > 1).toList();
        assertThat(data).extracting(r -> r.get(1)).containsExactlyElementsOf(succeeded.reversed());
        List<String> newest = data.getFirst();
        assertThat(newest.get(2)).isEqualTo("succeeded");
        assertThat(newest.get(3)).isEqualTo("card");
        assertThat(newest.get(6)).isEqualTo("CNY");
        assertThat(newest.get(7)).isEqualTo("30.00");
        assertThat(newest.get(10)).isEqualTo("订单 3, \"quoted\"");
        assertThat(newest.getFirst()).startsWith(day + "T09:00");

        Api.Download xlsx = api.download("/v1/payments/export.xlsx?amount_gte=2000", "Authorization", m.bearer());
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow()).endsWith(".xlsx\"");
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");

        Api.Download other = api.download("/v1/payments/export.csv", "Authorization", onboardMerchant("汇通茶庄 Other export", "").bearer());
        assertThat(new String(other.body(), StandardCharsets.UTF_8)).doesNotContain(succeeded.getFirst());
    }

    @Test
    void anotherMerchantsPaymentIsNotFoundAndATimelineTellsWhatHappened() {
        OnboardedMerchant m = onboardMerchant("汇通茶庄 Timeline", "");
        OnboardedMerchant other = onboardMerchant("汇通茶庄 Neighbour", "");
        String day = freshDay();
        at(day, "09:00:00");
        String id = paid(m, 2500);
        at(day, "09:30:00");
        refund(m, id, 1000);

        Api.Response r = api.get("/v1/payments/" + id + "/timeline", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.path("payment").path("id").asString()).isEqualTo(id);
        assertThat(t.path("payment").path("amount_refunded").asLong()).isEqualTo(1000);
        List<String> types = new ArrayList<>();
        t.path("events").forEach(e -> types.add(e.path("type").asString()));
        assertThat(types.getFirst()).isEqualTo("payment.created");
        assertThat(types).contains("refund.created");
        assertThat(t.path("channel").path("name").asString()).isNotEmpty();
        assertThat(t.path("refunds")).hasSize(1);
        assertThat(t.path("refunds").get(0).path("amount").asLong()).isEqualTo(1000);
        long credited = 0;
        long debited = 0;
        for (JsonNode line : t.path("ledger")) {
            if (line.path("account").asString().equals(m.id() + ":pending:CNY") && !line.path("kind").asString().equals("pending")) {
                credited += line.path("direction").asString().equals("credit") ? line.path("amount").asLong() : 0;
                debited += line.path("direction").asString().equals("debit") ? line.path("amount").asLong() : 0;
            }
        }
        assertThat(credited).as(t.path("ledger").toString()).isEqualTo(2500);
        assertThat(debited).as("the refund (and any fee) came out of the merchant's pending balance").isGreaterThanOrEqualTo(1000);
        if (t.path("risk").isObject()) {
            assertThat(t.path("risk").path("outcome").asString()).isIn("allow", "challenge", "review", "block");
        }
        assertThat(insights.timeline(m.id(), id)).isPresent();

        assertThat(api.get("/v1/payments/" + id + "/timeline", "Authorization", other.bearer()).status()).isEqualTo(404);
        assertThat(api.get("/v1/payments/" + id, "Authorization", other.bearer()).status()).isEqualTo(404);
        assertThat(insights.timeline(other.id(), id)).isEmpty();
        assertThat(insights.search(other.id(), PaymentQuery.all().withReference(id)).data()).isEmpty();
        Api.Response search = api.get("/v1/payments?reference=" + id, "Authorization", other.bearer());
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json().path("data")).isEmpty();
        assertThat(currencyCount(overview(other, "today"))).as("the neighbour's overview holds nothing of it").isZero();
    }

    static int currencyCount(JsonNode overview) {
        return overview.path("currencies").size();
    }

    @Test
    void badFiltersAreRefusedNamingTheParameterAndChangeNothing() {
        OnboardedMerchant m = onboardMerchant("汇通茶庄 Filters", "");
        String day = freshDay();
        at(day, "09:00:00");
        paid(m, 1200);
        List<String> before = ids("");
        JsonNode overviewBefore = overview(m, "today");
        String[][] cases = {
                {"/v1/insights/overview?period=month", "period"},
                {"/v1/payments?method=bitcoin", "method"},
                {"/v1/payments?status=paid", "status"},
                {"/v1/payments?amount_gte=abc", "amount_gte"},
                {"/v1/payments?amount_gte=-1", "amount_gte"},
                {"/v1/payments?amount_gte=500&amount_lte=100", "amount_lte"},
                {"/v1/payments?card_last4=12ab", "card_last4"},
                {"/v1/payments?created_gte=yesterday", "created_gte"},
                {"/v1/payments?limit=0", "limit"},
                {"/v1/payments/export.csv?method=bitcoin", "method"},
                {"/v1/payments/export.csv?card_last4=123", "card_last4"},
                {"/v1/payments/export.xlsx?created_lte=soon", "created_lte"},
                {"/v1/payments/export.csv?amount_lte=1.5", "amount_lte"},
        };
        for (String[] c : cases) {
            Api.Response r = api.get(c[0], "Authorization", m.bearer());
            assertThat(r.status()).as(c[0] + " " + r.body()).isEqualTo(400);
            assertThat(r.error("type")).as(c[0]).isEqualTo("invalid_request_error");
            assertThat(r.error("code")).as(c[0]).isEqualTo("parameter_invalid");
            assertThat(r.error("param")).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(ids("")).isEqualTo(before);
        assertThat(overview(m, "today").path("currencies")).isEqualTo(overviewBefore.path("currencies"));
        assertThat(api.get("/v1/payments/pay_01JD0000000000000000000000/timeline", "Authorization", m.bearer()).status()).isEqualTo(404);
        assertThat(api.get("/v1/insights/overview", "Authorization", admin()).status()).as("merchants only").isEqualTo(403);

        Api.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/v1/insights/overview")).isTrue();
        assertThat(docs.json().path("paths").has("/v1/payments/export.csv")).isTrue();
        assertThat(docs.json().path("paths").has("/v1/payments/export.xlsx")).isTrue();
        assertThat(docs.json().path("paths").path("/v1/payments").path("get").path("parameters").toString())
                .contains("amount_gte", "card_last4", "reference", "method");
    }

    List<String> ids(String query) {
        Api.Response r = api.get("/v1/payments?limit=100" + (query.isEmpty() ? "" : "&" + query), "Authorization", currentBearer);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().path("data").forEach(p -> out.add(p.path("id").asString()));
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String currentBearer;

    @Override
    protected OnboardedMerchant onboardMerchant(String name, String extraJson) {
        OnboardedMerchant m = super.onboardMerchant(name, extraJson);
        currentBearer = m.bearer();
        return m;
    }
}
