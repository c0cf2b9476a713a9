package io.huitong.web.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.insights.PaymentQuery;
import io.huitong.testsupport.Api;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The merchant dashboard's figures over the API: the overview checked to the minor unit against payments made through the
 * API (rollup and live part together, late changes rolled again), and a payment's timeline, which another merchant does not
 * find.
 */
abstract class InsightsOverviewApiTests extends InsightsApiSupport {

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
}
