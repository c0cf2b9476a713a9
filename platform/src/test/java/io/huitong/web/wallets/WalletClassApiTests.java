package io.huitong.web.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The payment-account classes over HTTP: a wallet no channel verified pays nothing from its balance; class I pays and
 * transfers 1,000.00 CNY in all since it opened, II and III 100,000.00 and 200,000.00 CNY a calendar year in Shanghai;
 * refunds give back; a wallet opened before the count was kept counts its history once.
 */
abstract class WalletClassApiTests extends WalletFixtures {

    @Test
    void aWalletNoChannelVerifiedHoldsAndReceivesButPaysAndTransfersNothing() {
        Consumer unverified = unverifiedConsumer();
        Consumer verified = consumer();
        fund(verified, 1_000);
        fund(unverified, 1_000);
        assertThat(transfer(verified, unverified, 300).status()).as("it receives").isEqualTo(201);
        Api.Response refused = transfer(unverified, verified, 100);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.error("type")).isEqualTo("permission_error");
        assertThat(refused.error("code")).isEqualTo("verification_required");
        Api.Response charged = charge(onboardMerchant("Unverified Payee Shop", ""), 100, paymentCode(unverified));
        assertThat(charged.status()).as(charged.body()).isEqualTo(402);
        assertThat(charged.error("type")).isEqualTo("payment_error");
        assertThat(charged.error("code")).isEqualTo("verification_required");
        assertThat(available(unverified)).isEqualTo(1_300);
        assertThat(available(verified)).isEqualTo(700);
        assertThat(history(unverified, "").path("data")).hasSize(1);
        assertThat(history(unverified, "").path("data").get(0).path("type").asString()).isEqualTo("transfer_in");
    }

    @Test
    void classIPaysAndTransfers1000CnyInAllSinceOpeningAndARefundGivesItsShareBack() {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 300_000);
        OnboardedMerchant shop = onboardMerchant("Class One Tea", "");
        assertThat(transfer(a, b, 60_000).status()).isEqualTo(201);
        Api.Response paid = charge(shop, 40_000, paymentCode(a));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        JsonNode allowance = wallet(a).json().path("allowance");
        assertThat(allowance.path("used").asLong()).isEqualTo(100_000);
        assertThat(allowance.path("remaining").asLong()).isZero();

        Api.Response beyond = transfer(a, b, 1);
        assertThat(beyond.status()).as(beyond.body()).isEqualTo(402);
        assertThat(beyond.error("type")).isEqualTo("payment_error");
        assertThat(beyond.error("code")).isEqualTo("limit_exceeded");
        assertThat(beyond.error("param")).isEqualTo("amount");
        assertThat(beyond.error("message")).contains("1,000.00 CNY in all since it opened");
        Api.Response byCode = charge(shop, 1, paymentCode(a));
        assertThat(byCode.status()).as(byCode.body()).isEqualTo(402);
        assertThat(byCode.error("code")).isEqualTo("limit_exceeded");
        assertThat(available(a)).isEqualTo(200_000);
        assertThat(history(a, "").path("data")).as("nothing of the refused ones").hasSize(2);

        Api.Response refund = api.postJson("/v1/refunds", "{\"payment\":\"" + paid.json().path("id").asString() + "\",\"amount\":10000}",
                "Authorization", shop.bearer());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(wallet(a).json().path("allowance").path("remaining").asLong()).as("the refund gives its amount back").isEqualTo(10_000);
        assertThat(transfer(a, b, 10_000).status()).isEqualTo(201);
        assertThat(transfer(a, b, 1).error("code")).isEqualTo("limit_exceeded");
        assertThat(available(a)).isEqualTo(200_000);
        assertThat(available(b)).isEqualTo(70_000);

        Api.Response dollars = api.postJson("/v1/wallet/transfers", "{\"to_phone\":\"" + b.phone() + "\",\"amount\":100,\"currency\":\"USD\"}",
                "Authorization", a.bearer());
        assertThat(dollars.status()).as("the figures are in CNY: " + dollars.body()).isEqualTo(402);
        assertThat(dollars.error("code")).isEqualTo("limit_exceeded");
        assertThat(dollars.error("param")).isEqualTo("currency");
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void moreChannelsRaiseTheClassAndClassesIIAndIIICountTheCalendarYearInShanghai() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        // ten minutes before the new year in Shanghai
        clock.setTo(clock.instant().atZone(shanghai).toLocalDate().withDayOfYear(1).plusYears(1).atStartOfDay(shanghai).minusMinutes(10)
                .toInstant());
        Consumer a = consumer();
        Consumer b = consumer();
        allowListed(a); // far beyond the amounts risk control reviews
        fund(a, 40_000_000);
        assertThat(transfer(a, b, 100_000).status()).as("class I's all").isEqualTo(201);
        assertThat(transfer(a, b, 1).error("code")).isEqualTo("limit_exceeded");

        classII(a);
        JsonNode allowance = wallet(a).json().path("allowance");
        assertThat(allowance.path("period").asString()).isEqualTo("year");
        assertThat(allowance.path("limit").asLong()).isEqualTo(10_000_000);
        assertThat(allowance.path("used").asLong()).as("what class I moved this year counts").isEqualTo(100_000);
        Api.Response beyond = transfer(a, b, 9_900_001);
        assertThat(beyond.status()).as(beyond.body()).isEqualTo(402);
        assertThat(beyond.error("code")).isEqualTo("limit_exceeded");
        assertThat(beyond.error("message")).contains("100,000.00 CNY a calendar year");
        assertThat(transfer(a, b, 9_900_000).status()).isEqualTo(201);
        assertThat(transfer(a, b, 1).error("code")).isEqualTo("limit_exceeded");

        clock.advance(Duration.ofMinutes(11)); // the new year in Shanghai: a new year's figure
        assertThat(wallet(a).json().path("allowance").path("used").asLong()).isZero();
        assertThat(transfer(a, b, 10_000_000).status()).isEqualTo(201);
        assertThat(transfer(a, b, 1).error("code")).isEqualTo("limit_exceeded");

        faceToFace(a);
        assertThat(wallet(a).json().path("allowance").path("remaining").asLong()).isEqualTo(10_000_000);
        assertThat(transfer(a, b, 10_000_000).status()).isEqualTo(201);
        assertThat(transfer(a, b, 1).error("code")).as("the limit before the balance").isEqualTo("limit_exceeded");
        assertThat(available(a)).isEqualTo(10_000_000);
        assertThat(available(b)).isEqualTo(30_000_000);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aWalletOpenedBeforeItsClassWasCountedCountsItsHistoryOnce() {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 300_000);
        OnboardedMerchant shop = onboardMerchant("Old Wallet Shop", "");
        assertThat(transfer(a, b, 30_000).status()).isEqualTo(201);
        Api.Response paid = charge(shop, 20_000, paymentCode(a));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(api.postJson("/v1/refunds", "{\"payment\":\"" + paid.json().path("id").asString() + "\",\"amount\":5000}",
                "Authorization", shop.bearer()).status()).isEqualTo(201);
        // as a wallet opened before its row kept the count
        jdbc.sql("update wallet set outflow_total = null, outflow_year = null, outflow_year_of = null where user_id = ?").params(a.id()).update();

        assertThat(wallet(a).json().path("allowance").path("used").asLong()).as("its history, less the refund").isEqualTo(45_000);
        assertThat(transfer(a, b, 55_001).error("code")).isEqualTo("limit_exceeded");
        assertThat(transfer(a, b, 55_000).status()).isEqualTo(201);
        java.util.Map<String, Object> row = jdbc.sql("select outflow_total, outflow_year from wallet where user_id = ?").params(a.id())
                .query().singleRow();
        assertThat(((Number) row.get("outflow_total")).longValue()).isEqualTo(100_000);
        assertThat(((Number) row.get("outflow_year")).longValue()).as("the year's, refunds not taken off: at least what it was")
                .isEqualTo(105_000);
        assertThat(transfer(a, b, 1).error("code")).isEqualTo("limit_exceeded");
    }

    /** Puts a consumer on risk control's allow list, as an analyst does for a known customer. */
    void allowListed(Consumer c) {
        Api.Response r = api.postJson("/v1/admin/risk/lists/user", "{\"value\":\"" + c.id() + "\",\"action\":\"allow\",\"reason\":\"known customer\"}",
                "Authorization", admin());
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }
}
