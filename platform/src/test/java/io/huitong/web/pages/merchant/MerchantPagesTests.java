package io.huitong.web.pages.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's pages with a merchant's money behind them: payments searched, a payment's timeline, a refund sent twice
 * that refunds once, the support staff's limit, exports; API keys rotated with a grace period, webhook deliveries sent
 * again; settlements and their statements, the balance, payouts; coupons created and paused. Roles are refused with 403
 * pages and JSON, another merchant's ids are not found.
 */
abstract class MerchantPagesTests extends MerchantPageSupport {

    static final Pattern KEY = Pattern.compile("name=\"idempotency_key\" value=\"([^\"]+)\"");

    static String card() {
        return io.huitong.simulator.Simulator.approvedCard("424242", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    JsonNode pay(OnboardedMerchant m, long amount, String description) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"description\":\"" + description
                + "\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\"" + card() + "\",\"exp_month\":12,\"exp_year\":2035,"
                + "\"cvc\":\"123\"}}}", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
        return r.json();
    }

    @Test
    void paymentsAreFoundRefundedOnceAndExported() {
        OnboardedMerchant shop = onboardMerchant("Dim Sum " + System.nanoTime(), "");
        Person finance = member(shop.id(), "finance");
        Person support = member(shop.id(), "support");
        Person developer = member(shop.id(), "developer");
        JsonNode payment = pay(shop, 12_000, "order-42");
        pay(shop, 800, "order-43");
        String id = payment.path("id").asString();
        String last4 = payment.path("payment_method").path("card").path("last4").asString();

        Api.Response found = finance.get("/merchant/payments?reference=order-42");
        page(found, 200);
        assertThat(found.body()).contains(id).doesNotContain("order-43");
        assertThat(finance.get("/merchant/payments?status=succeeded&amount_from=100&amount_to=200&card_last4=" + last4).body()).contains(id);
        assertThat(finance.get("/merchant/payments?amount_from=1&amount_to=10").body()).doesNotContain(id).contains("order-43");
        for (String bad : new String[] {"status=exploded", "amount_from=abc", "from=yesterday", "card_last4=12", "amount_from=9&amount_to=1",
                "from=2026-02-01&to=2026-01-01", "after=mer_x"}) {
            page(finance.get("/merchant/payments?" + bad), 400);
        }

        Api.Response detail = finance.get("/merchant/payments/" + id);
        page(detail, 200);
        assertThat(detail.body()).contains("id=\"timeline\"").contains("id=\"ledger\"").contains("id=\"refund-form\"").contains(id + ":");
        Matcher key = KEY.matcher(detail.body());
        assertThat(key.find()).isTrue();
        // garbage is refused on the form and refunds nothing
        for (String amount : new String[] {"-5", "abc", "1e9", "12.345", "", "500"}) {
            page(finance.post("/merchant/payments/" + id + "/refund", "amount=" + enc(amount) + "&reason=duplicate&idempotency_key="
                    + key.group(1)), 400);
        }
        page(finance.post("/merchant/payments/" + id + "/refund", "amount=1&reason=bogus&idempotency_key=" + key.group(1)), 400);
        page(finance.post("/merchant/payments/" + id + "/refund", "amount=1&reason=duplicate"), 400);
        // the same form sent twice refunds once
        String form = "amount=30.00&reason=requested_by_customer&idempotency_key=" + key.group(1);
        Api.Response first = finance.post("/merchant/payments/" + id + "/refund", form);
        Api.Response second = finance.post("/merchant/payments/" + id + "/refund", form);
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(second.status()).as(second.body()).isEqualTo(302);
        JsonNode refunds = api.get("/v1/refunds?payment=" + id, "Authorization", shop.bearer()).json().path("data");
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).path("amount").asLong()).isEqualTo(3_000);
        // and sent eight times at once, still once: the refund's key is claimed by the refund's own row
        String racedId = pay(shop, 20_000, "order-43-raced").path("id").asString();
        Matcher racedKey = KEY.matcher(finance.get("/merchant/payments/" + racedId).body());
        assertThat(racedKey.find()).isTrue();
        String racedForm = "amount=20.00&reason=requested_by_customer&idempotency_key=" + racedKey.group(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Api.Response>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(threads.submit(() -> finance.post("/merchant/payments/" + racedId + "/refund", racedForm)));
            }
            for (java.util.concurrent.Future<Api.Response> answer : sent) {
                assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(302);
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            threads.shutdownNow();
        }
        JsonNode raced = api.get("/v1/refunds?payment=" + racedId, "Authorization", shop.bearer()).json().path("data");
        assertThat(raced).as("one refund for eight submits at once").hasSize(1);
        assertThat(api.get("/v1/payments/" + racedId, "Authorization", shop.bearer()).json().path("amount_refunded").asLong())
                .isEqualTo(2_000);

        Api.Response after = finance.get("/merchant/payments/" + id);
        assertThat(after.body()).contains("id=\"refunds\"").contains(refunds.get(0).path("id").asString());

        // support staff refund up to the merchant's limit (500.00 until an owner changes it)
        JsonNode big = pay(shop, 90_000, "order-44");
        Matcher supportKey = KEY.matcher(support.get("/merchant/payments/" + big.path("id").asString()).body());
        assertThat(supportKey.find()).isTrue();
        page(support.post("/merchant/payments/" + big.path("id").asString() + "/refund", "amount=600&reason=duplicate&idempotency_key="
                + supportKey.group(1)), 403);
        assertThat(support.post("/merchant/payments/" + big.path("id").asString() + "/refund", "amount=100&reason=duplicate&idempotency_key="
                + supportKey.group(1)).status()).isEqualTo(302);
        assertThat(api.get("/v1/payments/" + big.path("id").asString(), "Authorization", shop.bearer()).json().path("amount_refunded").asLong())
                .isEqualTo(10_000);

        // the filtered list as files, for those who may export
        Api.Download csv = api.download("/merchant/payments/export?format=csv&reference=order-42", "Cookie", finance.cookies());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains(id).doesNotContain("order-43");
        Api.Download xlsx = api.download("/merchant/payments/export?format=xlsx", "Cookie", finance.cookies());
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        assertThat(api.download("/merchant/payments/export?format=pdf", "Cookie", finance.cookies()).status()).isEqualTo(400);
        page(support.get("/merchant/payments/export?format=csv"), 403);
        page(developer.get("/merchant/payments"), 403);
        page(developer.get("/merchant/payments/" + id), 403);

        // the overview's JSON: for those who may see it, a JSON 403 for the rest
        Api.Response data = finance.get("/merchant/overview/data.json?period=today");
        assertThat(data.status()).as(data.body()).isEqualTo(200);
        assertThat(data.json().path("currencies").get(0).path("currency").asString()).isEqualTo("CNY");
        Api.Response refused = support.get("/merchant/overview/data.json");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("permission_denied");
        assertThat(api.get("/merchant/overview/data.json").status()).isEqualTo(401);
        page(finance.get("/merchant/overview?period=7d"), 200);
        page(finance.get("/merchant/overview?period=decade"), 400);

        // another merchant's payment is not found here
        OnboardedMerchant other = onboardMerchant("Other " + System.nanoTime(), "");
        String theirs = pay(other, 500, "theirs").path("id").asString();
        page(finance.get("/merchant/payments/" + theirs), 404);
        page(finance.post("/merchant/payments/" + theirs + "/refund", "amount=1&reason=duplicate&idempotency_key=" + key.group(1)), 404);
        assertThat(finance.get("/merchant/payments?reference=" + theirs).body()).doesNotContain("href=\"/merchant/payments/" + theirs);

        // on the audit trail under the user
        String trail = audit(finance.id).toString();
        assertThat(trail).contains("POST /merchant/payments/{id}/refund").contains("GET /merchant/payments/export").contains(shop.id());
        assertThat(audit(support.id).toString()).contains("POST /merchant/payments/{id}/refund");
    }

    @Test
    void developersRotateKeysAndSendDeliveriesAgain() throws Exception {
        OnboardedMerchant shop = onboardMerchant("Noodle " + System.nanoTime(), "");
        Person developer = member(shop.id(), "developer");
        Person support = member(shop.id(), "support");
        page(support.get("/merchant/developers"), 403);
        page(support.post("/merchant/developers/keys/rotate", "grace_hours=24"), 403);

        Api.Response page = developer.get("/merchant/developers");
        page(page, 200);
        assertThat(page.body()).contains("href=\"/docs\"");
        page(developer.post("/merchant/developers/keys/rotate", "grace_hours=5"), 400);
        Api.Response rotated = developer.post("/merchant/developers/keys/rotate", "grace_hours=24");
        page(rotated, 200);
        Matcher newKey = Pattern.compile("id=\"new-key\" type=\"text\" readonly class=\"mono\" value=\"(sk_test_[0-9A-Za-z]+)\"").matcher(rotated.body());
        assertThat(newKey.find()).as(rotated.body()).isTrue();
        assertThat(rotated.header("Cache-Control")).contains("no-store");
        assertThat(api.get("/v1/balance", "Authorization", shop.bearer()).status()).as("the old key works for the grace period").isEqualTo(200);
        assertThat(api.get("/v1/balance", "Authorization", Api.bearer(newKey.group(1))).status()).isEqualTo(200);
        assertThat(developer.get("/merchant/developers").body()).as("shown once").doesNotContain(newKey.group(1));
        assertThat(audit(developer.id).toString()).contains("POST /merchant/developers/keys/rotate").doesNotContain(newKey.group(1));

        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(500);
            page(developer.post("/merchant/developers/webhooks", "url=ftp%3A%2F%2Fexample.com&events=*"), 400);
            Api.Response added = developer.post("/merchant/developers/webhooks", "url=" + enc(receiver.url()) + "&events=*&description=orders");
            page(added, 200);
            assertThat(added.body()).contains("id=\"new-secret\"").contains("whsec_");
            pay(shop, 1_000, "hooked");
            receiver.await(1, Duration.ofSeconds(20));
            String endpointId = api.get("/v1/webhook_endpoints", "Authorization", shop.bearer()).json().path("data").get(0).path("id").asString();
            String deliveryId = null;
            for (int i = 0; i < 100 && deliveryId == null; i++) {
                JsonNode d = api.get("/v1/webhook_endpoints/" + endpointId + "/deliveries", "Authorization", shop.bearer()).json().path("data");
                if (!d.isEmpty() && d.get(0).path("attempts").asInt() > 0) {
                    deliveryId = d.get(0).path("id").asString();
                }
                Thread.sleep(100);
            }
            assertThat(deliveryId).isNotNull();
            page(developer.get("/merchant/developers/webhooks/" + endpointId), 200);
            Api.Response delivery = developer.get("/merchant/developers/deliveries/" + deliveryId);
            page(delivery, 200);
            assertThat(delivery.body()).contains("HTTP 500").contains("payment.succeeded").contains("id=\"delivery-body\"");
            Api.Response again = developer.post("/merchant/developers/deliveries/" + deliveryId + "/replay", "");
            assertThat(again.status()).isEqualTo(302);
            assertThat(again.header("Location")).contains("/merchant/developers/deliveries/whd_").doesNotContain(deliveryId);
            receiver.await(2, Duration.ofSeconds(20));
            assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());

            // another merchant's endpoint and delivery are not found
            OnboardedMerchant other = onboardMerchant("Other " + System.nanoTime(), "");
            Person stranger = member(other.id(), "developer");
            page(stranger.get("/merchant/developers/webhooks/" + endpointId), 404);
            page(stranger.get("/merchant/developers/deliveries/" + deliveryId), 404);
            page(stranger.post("/merchant/developers/deliveries/" + deliveryId + "/replay", ""), 404);
            page(stranger.post("/merchant/developers/webhooks/" + endpointId + "/disable", ""), 404);
            assertThat(audit(developer.id).toString()).contains("POST /merchant/developers/deliveries/{id}/replay");

            assertThat(developer.post("/merchant/developers/webhooks/" + endpointId + "/disable", "").status()).isEqualTo(302);
            assertThat(api.get("/v1/webhook_endpoints", "Authorization", shop.bearer()).json().path("data")).isEmpty();
        }
    }

    @Test
    void financeReadsSettlementsAndStatementsAndOwnersPauseCoupons() {
        OnboardedMerchant shop = onboardMerchant("Bakery " + System.nanoTime(), "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":200");
        // a business day in the future, so that the platform's clock only goes forward
        Instant monday = Instant.parse("2030-01-07T09:00:00+08:00");
        if (clock.instant().isBefore(monday)) {
            clock.setTo(monday);
        }
        Person finance = member(shop.id(), "finance");
        Person owner = member(shop.id(), "owner");
        Person support = member(shop.id(), "support");
        pay(shop, 10_000, "bread");
        clock.setTo(clock.instant().plus(Duration.ofHours(11)));
        String day = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai")).toString();
        Api.Response run = api.postJson("/v1/admin/settlement_runs", "{\"business_date\":\"" + day + "\",\"merchant\":\"" + shop.id() + "\"}",
                "Authorization", admin());
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        String settlementId = null;
        for (int i = 0; i < 200 && settlementId == null; i++) {
            JsonNode list = api.get("/v1/settlements", "Authorization", shop.bearer()).json().path("data");
            settlementId = list.isEmpty() ? null : list.get(0).path("id").asString();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(settlementId).isNotNull();
        assertThat(finance.login().status()).isEqualTo(302);
        Api.Response list = finance.get("/merchant/settlements");
        page(list, 200);
        assertThat(list.body()).contains(settlementId);
        page(finance.get("/merchant/settlements/" + settlementId), 200);
        for (String format : new String[] {"csv", "xlsx", "pdf"}) {
            Api.Download file = api.download("/merchant/settlements/" + settlementId + "/statement." + format, "Cookie", finance.cookies());
            assertThat(file.status()).as(format).isEqualTo(200);
            assertThat(file.body().length).isGreaterThan(100);
        }
        page(finance.get("/merchant/balance"), 200);
        page(finance.get("/merchant/payouts"), 200);
        assertThat(owner.login().status()).isEqualTo(302);
        assertThat(support.login().status()).isEqualTo(302);
        page(support.get("/merchant/settlements"), 403);
        assertThat(api.download("/merchant/settlements/" + settlementId + "/statement.csv", "Cookie", support.cookies()).status()).isEqualTo(403);
        OnboardedMerchant other = onboardMerchant("Other " + System.nanoTime(), "");
        Person stranger = member(other.id(), "finance");
        page(stranger.get("/merchant/settlements/" + settlementId), 404);
        assertThat(api.download("/merchant/settlements/" + settlementId + "/statement.pdf", "Cookie", stranger.cookies()).status()).isEqualTo(404);
        assertThat(audit(finance.id).toString()).contains("GET /merchant/settlements/{id}/statement.{format}");

        // coupons: owners create and pause them, support staff see them
        page(owner.post("/merchant/coupons", "coupon_code=SPRING&kind=percent&percent_off=150"), 400);
        assertThat(owner.post("/merchant/coupons", "coupon_code=SPRING&kind=percent&percent_off=10&max_redemptions=100").status()).isEqualTo(302);
        page(owner.post("/merchant/coupons", "coupon_code=spring&kind=amount&amount_off=5"), 409);
        String coupon = api.get("/v1/coupons", "Authorization", shop.bearer()).json().path("data").get(0).path("id").asString();
        Api.Response seen = support.get("/merchant/coupons");
        page(seen, 200);
        assertThat(seen.body()).contains("SPRING").doesNotContain("id=\"coupon-form\"");
        page(support.post("/merchant/coupons/" + coupon + "/pause", ""), 403);
        assertThat(owner.post("/merchant/coupons/" + coupon + "/pause", "").status()).isEqualTo(302);
        assertThat(owner.get("/merchant/coupons").body()).contains("badge-paused");
        Person otherOwner = member(other.id(), "owner");
        page(otherOwner.post("/merchant/coupons/" + coupon + "/resume", ""), 404);
        assertThat(owner.post("/merchant/coupons/" + coupon + "/resume", "").status()).isEqualTo(302);
        assertThat(audit(owner.id).toString()).contains("POST /merchant/coupons/{id}/pause");
    }
}
