package io.huitong.web.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.insights.PaymentPage;
import io.huitong.insights.PaymentQuery;
import io.huitong.insights.PaymentRow;
import io.huitong.testsupport.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Payment search over the API ({@code GET /v1/payments}) and its exports: the filters narrow, keyset pages follow one
 * another over the API and the Java API, the CSV and Excel exports hold every matching payment, and bad filters are refused
 * naming the parameter, changing nothing.
 */
abstract class InsightsSearchApiTests extends InsightsApiSupport {

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

    @Test
    void aParameterOfNoKnownNameIsRefusedNamingItInsteadOfListingEverything() {
        OnboardedMerchant m = onboardMerchant("汇通茶庄 Unknown filters", "");
        String day = freshDay();
        at(day, "09:00:00");
        String ok = paid(m, 1200);
        String failed = declined(m, 1300);
        String[][] cases = {
                {"/v1/payments?statsu=failed", "statsu"},
                {"/v1/payments?status=failed&colour=red", "colour"},
                {"/v1/payments?Status=failed", "Status"},
                {"/v1/payments?limit=2&startingAfter=" + ok, "startingAfter"},
                {"/v1/payments?statsu=failed&status=paid", "statsu"},
                {"/v1/payments/export.csv?statsu=failed", "statsu"},
                {"/v1/payments/export.xlsx?page=2", "page"},
        };
        for (String[] c : cases) {
            Api.Response r = api.get(c[0], "Authorization", m.bearer());
            assertThat(r.status()).as(c[0] + " " + r.body()).isEqualTo(400);
            assertThat(r.error("type")).as(c[0]).isEqualTo("invalid_request_error");
            assertThat(r.error("code")).as(c[0]).isEqualTo("parameter_unknown");
            assertThat(r.error("param")).as(c[0]).isEqualTo(c[1]);
            assertThat(r.error("message")).as(c[0]).contains(c[1]);
        }

        // every name the list declares is still read
        assertThat(ids("status=failed")).containsExactly(failed);
        assertThat(ids("status=succeeded&method=card&amount_gte=1200&amount_lte=1200&reference=" + ok + "&created_gte="
                + enc(day + "T08:00:00+08:00") + "&created_lte=" + enc(day + "T10:00:00+08:00"))).containsExactly(ok);
        Api.Response before = api.get("/v1/payments?ending_before=" + failed, "Authorization", m.bearer());
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        Api.Response after = api.get("/v1/payments?starting_after=" + failed + "&limit=1", "Authorization", m.bearer());
        assertThat(after.json().path("data").get(0).path("id").asString()).isEqualTo(ok);
        assertThat(api.download("/v1/payments/export.csv?status=failed&card_last4=0002", "Authorization", m.bearer()).status()).isEqualTo(200);
    }
}
