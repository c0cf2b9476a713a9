package io.huitong.web.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Consumers' wallets over HTTP: balances, transfers by phone, freezing, history, the payment-account classes. */
abstract class WalletApiTests extends WalletFixtures {

    @Test
    void aWalletIsCreatedOnFirstUseEmptyActiveAndWithoutAClassUntilVerified() {
        Consumer c = unverifiedConsumer();
        Api.Response w = wallet(c);
        assertThat(w.status()).as(w.body()).isEqualTo(200);
        assertThat(w.json().path("id").asString()).startsWith("wal_");
        assertThat(w.json().path("object").asString()).isEqualTo("wallet");
        assertThat(w.json().path("status").asString()).isEqualTo("active");
        assertThat(w.json().path("class").isNull()).as(w.body()).isTrue();
        assertThat(w.json().path("allowance").isNull()).as(w.body()).isTrue();
        assertThat(w.json().path("balances").toString()).isEqualTo("[{\"currency\":\"CNY\",\"available\":0,\"pending\":0}]");
        assertThat(wallet(c).json().path("id").asString()).as("the same wallet").isEqualTo(w.json().path("id").asString());
        verify(c);
        JsonNode verified = wallet(c).json();
        assertThat(verified.path("class").asString()).isEqualTo("I");
        assertThat(verified.path("allowance").toString()).isEqualTo("{\"currency\":\"CNY\",\"period\":\"since_opening\",\"limit\":100000,"
                + "\"used\":0,\"remaining\":100000}");
    }

    @Test
    void aTransferByPhoneMovesMoneyBetweenWalletsAndShowsInBothHistories() {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 1_000);
        Api.Response t = transfer(a, b, 300);
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        assertThat(t.json().path("id").asString()).startsWith("wtr_");
        assertThat(t.json().path("object").asString()).isEqualTo("wallet_transfer");
        assertThat(t.json().path("amount").asLong()).isEqualTo(300);
        assertThat(t.json().path("to").asString()).isEqualTo(masked(b.phone()));
        assertThat(t.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(t.body()).doesNotContain(b.phone().substring(3));
        assertThat(available(a)).isEqualTo(700);
        assertThat(available(b)).isEqualTo(300);

        JsonNode out = history(a, "").path("data").get(0);
        assertThat(out.path("type").asString()).isEqualTo("transfer_out");
        assertThat(out.path("amount").asLong()).isEqualTo(-300);
        assertThat(out.path("counterparty").asString()).isEqualTo(masked(b.phone()));
        assertThat(out.path("status").asString()).isEqualTo("succeeded");
        JsonNode in = history(b, "").path("data").get(0);
        assertThat(in.path("type").asString()).isEqualTo("transfer_in");
        assertThat(in.path("amount").asLong()).isEqualTo(300);
        assertThat(in.path("counterparty").asString()).isEqualTo(masked(a.phone()));
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void refusedTransfersAreClearAndChangeNothing() {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 500);
        Api.Response self = transfer(a, a, 100);
        assertThat(self.status()).as(self.body()).isEqualTo(400);
        assertThat(self.error("param")).isEqualTo("to_phone");
        Api.Response unknown = api.postJson("/v1/wallet/transfers", "{\"to_phone\":\"+8613000000001\",\"amount\":100,\"currency\":\"CNY\"}",
                "Authorization", a.bearer());
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.error("param")).isEqualTo("to_phone");
        Api.Response tooMuch = transfer(a, b, 501);
        assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(402);
        assertThat(tooMuch.error("code")).isEqualTo("insufficient_funds");
        for (String bad : new String[] {"{\"to_phone\":\"" + b.phone() + "\",\"amount\":-1,\"currency\":\"CNY\"}",
                "{\"to_phone\":\"" + b.phone() + "\",\"amount\":10.5,\"currency\":\"CNY\"}",
                "{\"to_phone\":\"" + b.phone() + "\",\"amount\":10,\"currency\":\"XXX\"}",
                "{\"to_phone\":\"12\",\"amount\":10,\"currency\":\"CNY\"}",
                "{\"amount\":10,\"currency\":\"CNY\"}"}) {
            Api.Response r = api.postJson("/v1/wallet/transfers", bad, "Authorization", a.bearer());
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
        }
        assertThat(available(a)).isEqualTo(500);
        assertThat(available(b)).isZero();
        assertThat(history(a, "").path("data")).isEmpty();
    }

    @Test
    void aFrozenWalletSendsNothingUntilTheOwnerOrAnOperatorUnfreezesIt() {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 500);
        Api.Response frozen = api.postJson("/v1/wallet/freeze", "", "Authorization", a.bearer());
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(200);
        assertThat(frozen.json().path("status").asString()).isEqualTo("frozen");
        Api.Response refused = transfer(a, b, 100);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.error("code")).isEqualTo("wallet_frozen");
        assertThat(refused.error("type")).isEqualTo("permission_error");
        assertThat(transfer(b, a, 0).status()).as("b is not frozen; a zero amount is a 400").isEqualTo(400);

        Api.Response wrong = api.postJson("/v1/wallet/unfreeze", "{\"password\":\"not the password\"}", "Authorization", a.bearer());
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(403);
        assertThat(api.postJson("/v1/wallet/unfreeze", "{}", "Authorization", a.bearer()).status()).isEqualTo(400);
        assertThat(wallet(a).json().path("status").asString()).isEqualTo("frozen");
        for (int i = 0; i < 3; i++) {
            api.postJson("/v1/wallet/unfreeze", "{\"password\":\"guess " + i + "\"}", "Authorization", a.bearer());
        }
        Api.Response guessing = api.postJson("/v1/wallet/unfreeze", "{\"password\":\"guess 4\"}", "Authorization", a.bearer());
        assertThat(guessing.status()).as("wrong passwords count towards the login lockout: " + guessing.body()).isEqualTo(429);
        assertThat(api.postJson("/v1/wallet/unfreeze", "{\"password\":\"" + PASSWORD + "\"}", "Authorization", a.bearer()).status())
                .as("locked even with the right password").isEqualTo(429);
        assertThat(wallet(a).json().path("status").asString()).isEqualTo("frozen");
        clock.advance(Duration.ofMinutes(16));
        Api.Response unfrozen = api.postJson("/v1/wallet/unfreeze", "{\"password\":\"" + PASSWORD + "\"}", "Authorization", a.bearer());
        assertThat(unfrozen.status()).as(unfrozen.body()).isEqualTo(200);
        assertThat(unfrozen.json().path("status").asString()).isEqualTo("active");
        assertThat(transfer(a, b, 100).status()).isEqualTo(201);

        api.postJson("/v1/wallet/freeze", "", "Authorization", a.bearer());
        String walletId = wallet(a).json().path("id").asString();
        assertThat(api.postJson("/v1/admin/wallets/" + walletId + "/unfreeze", "", "Authorization", a.bearer()).status())
                .as("a consumer is no operator").isEqualTo(403);
        Api.Response byOperator = api.postJson("/v1/admin/wallets/" + walletId + "/unfreeze", "", "Authorization", admin());
        assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(202);
        assertThat(byOperator.json().path("action").asString()).isEqualTo("wallet.unfreeze");
        assertThat(wallet(a).json().path("status").asString()).as("frozen until a second operator approves").isEqualTo("frozen");
        assertThat(transfer(a, b, 100).status()).isEqualTo(403);
        colleague.approve(byOperator);
        assertThat(wallet(a).json().path("status").asString()).isEqualTo("active");
        Api.Response again = api.postJson("/v1/admin/wallets/" + walletId + "/unfreeze", "", "Authorization", admin());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error("code")).isEqualTo("wallet_not_frozen");
        assertThat(api.postJson("/v1/admin/wallets/wal_nope/unfreeze", "", "Authorization", admin()).status()).isEqualTo(404);

        // an operator freezes at once, without a second person: stopping money is never the risky direction
        assertThat(api.postJson("/v1/admin/wallets/" + walletId + "/freeze", "", "Authorization", a.bearer()).status())
                .as("a consumer is no operator").isEqualTo(403);
        Api.Response frozenByOperator = api.postJson("/v1/admin/wallets/" + walletId + "/freeze", "", "Authorization", admin());
        assertThat(frozenByOperator.status()).as(frozenByOperator.body()).isEqualTo(200);
        assertThat(frozenByOperator.json().path("status").asString()).isEqualTo("frozen");
        assertThat(transfer(a, b, 100).status()).as("a frozen wallet sends nothing").isEqualTo(403);
        assertThat(api.postJson("/v1/admin/wallets/" + walletId + "/freeze", "", "Authorization", admin()).json().path("status").asString())
                .as("freezing again changes nothing").isEqualTo("frozen");
        assertThat(api.postJson("/v1/admin/wallets/wal_nope/freeze", "", "Authorization", admin()).status()).isEqualTo(404);
        assertThat(available(a)).isEqualTo(400);
    }

    @Test
    void onceTwoFactorLoginIsOnTheOwnerUnfreezesWithACodeNotThePassword() {
        Consumer a = consumer();
        Api.Response setup = api.postJson("/v1/users/me/mfa/totp", "{}", "Authorization", a.bearer());
        String secret = setup.json().path("secret").asString();
        assertThat(api.postJson("/v1/users/me/mfa/totp/confirm", "{\"code\":\""
                + io.huitong.web.consumers.ConsumerTestSupport.code(secret, clock.instant()) + "\"}", "Authorization", a.bearer()).status())
                .isEqualTo(200);
        api.postJson("/v1/wallet/freeze", "", "Authorization", a.bearer());

        Api.Response withPassword = api.postJson("/v1/wallet/unfreeze", "{\"password\":\"" + PASSWORD + "\"}", "Authorization", a.bearer());
        assertThat(withPassword.status()).as(withPassword.body()).isEqualTo(400);
        assertThat(withPassword.error("param")).isEqualTo("otp");
        Api.Response wrong = api.postJson("/v1/wallet/unfreeze", "{\"otp\":\"000000\"}", "Authorization", a.bearer());
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.error("code")).isEqualTo("otp_invalid");
        assertThat(wallet(a).json().path("status").asString()).isEqualTo("frozen");

        clock.advance(Duration.ofSeconds(30)); // the next code: the one used to confirm can't be used again
        Api.Response unfrozen = api.postJson("/v1/wallet/unfreeze", "{\"otp\":\""
                + io.huitong.web.consumers.ConsumerTestSupport.code(secret, clock.instant()) + "\"}", "Authorization", a.bearer());
        assertThat(unfrozen.status()).as(unfrozen.body()).isEqualTo(200);
        assertThat(unfrozen.json().path("status").asString()).isEqualTo("active");
    }

    @Test
    void aRepeatedTransferWithTheSameIdempotencyKeyMovesMoneyOnce() {
        Consumer a = consumer();
        Consumer b = consumer();
        fund(a, 1_000);
        Api.Response first = transfer(a, b, 100, "Idempotency-Key", "wallet-transfer-1");
        Api.Response again = transfer(a, b, 100, "Idempotency-Key", "wallet-transfer-1");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(available(a)).isEqualTo(900);
        assertThat(transfer(b, a, 100, "Idempotency-Key", "wallet-transfer-1").status()).as("b's keys are b's own").isEqualTo(201);
    }

    @Test
    void historyPagesNewestFirstAndOneConsumerNeverSeesAnothersLines() {
        Consumer a = consumer();
        Consumer b = consumer();
        Consumer c = consumer();
        fund(a, 1_000);
        for (int i = 1; i <= 5; i++) {
            assertThat(transfer(a, b, i).status()).isEqualTo(201);
        }
        JsonNode first = history(a, "?limit=2");
        assertThat(first.path("object").asString()).isEqualTo("list");
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(first.path("data").get(0).path("amount").asLong()).isEqualTo(-5);
        assertThat(first.path("data").get(1).path("amount").asLong()).isEqualTo(-4);
        String last = first.path("data").get(1).path("id").asString();
        JsonNode second = history(a, "?limit=10&starting_after=" + last);
        assertThat(second.path("data")).hasSize(3);
        assertThat(second.path("has_more").asBoolean()).isFalse();
        JsonNode back = history(a, "?limit=10&ending_before=" + second.path("data").get(0).path("id").asString());
        assertThat(back.path("data")).hasSize(2);

        assertThat(history(c, "").path("data")).as("c has no lines").isEmpty();
        assertThat(history(c, "?ending_before=" + last).path("data")).as("a's cursor shows c nothing of a's").isEmpty();
        assertThat(history(c, "?starting_after=" + last).path("data")).isEmpty();
        OnboardedMerchant merchant = onboardMerchant("Wallet Peeker", "");
        assertThat(api.get("/v1/wallet", "Authorization", merchant.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/wallet", "Authorization", admin()).status()).isEqualTo(403);
        assertThat(api.get("/v1/wallet").status()).isEqualTo(401);
    }

    @Test
    void aTopUpFromACardCreditsTheWalletAndShowsInTheHistory() {
        Consumer c = consumer();
        String card = newCard();
        Api.Response t = topUp(c, 5_000, card);
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        assertThat(t.json().path("id").asString()).startsWith("top_");
        assertThat(t.json().path("object").asString()).isEqualTo("wallet_topup");
        assertThat(t.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(t.json().path("payment").asString()).startsWith("pay_");
        assertThat(t.body()).doesNotContain(card).doesNotContain("\"123\"");
        assertThat(available(c)).isEqualTo(5_000);
        JsonNode line = history(c, "").path("data").get(0);
        assertThat(line.path("type").asString()).isEqualTo("topup");
        assertThat(line.path("amount").asLong()).isEqualTo(5_000);
        assertThat(line.path("counterparty").asString()).isEqualTo("visa •••• " + card.substring(12));
        Api.Response found = api.get("/v1/wallet/topups/" + t.json().path("id").asString(), "Authorization", c.bearer());
        assertThat(found.json().path("status").asString()).isEqualTo("succeeded");
        Consumer other = consumer();
        assertThat(api.get("/v1/wallet/topups/" + t.json().path("id").asString(), "Authorization", other.bearer()).status())
                .as("another consumer's top-up is not found").isEqualTo(404);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aDeclinedCardIsA402AndCreditsNothingAndTopUpsDoNotCountAgainstAClass() {
        Consumer c = consumer();
        Api.Response declined = topUp(c, 5_000, "4000000000000002");
        assertThat(declined.status()).as(declined.body()).isEqualTo(402);
        assertThat(declined.error("type")).isEqualTo("card_error");
        assertThat(declined.error("code")).isEqualTo("card_declined");
        Api.Response invalid = topUp(c, 5_000, "4242424242424241");
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(402);
        assertThat(invalid.error("code")).isEqualTo("invalid_number");
        Api.Response missing = api.postJson("/v1/wallet/topups", "{\"amount\":100,\"currency\":\"CNY\",\"card\":{\"number\":\""
                + newCard() + "\"}}", "Authorization", c.bearer());
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.error("param")).isEqualTo("card.exp_month");
        assertThat(available(c)).isZero();
        assertThat(history(c, "").path("data")).isEmpty();

        // top-ups do not count against a class: a wallet no channel verified takes them too, beyond class I's figure
        Consumer unverified = unverifiedConsumer();
        Api.Response large = topUp(unverified, 150_000, newCard());
        assertThat(large.status()).as(large.body()).isEqualTo(201);
        assertThat(large.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(available(unverified)).isEqualTo(150_000);
    }

    @Test
    void aTopUpWhoseOutcomeIsUnknownStaysPendingUntilItsPaymentSettles() {
        Consumer c = consumer();
        Api.Response approvedButLost = topUp(c, 700, "4000000000000259");
        assertThat(approvedButLost.status()).as(approvedButLost.body()).isEqualTo(201);
        assertThat(approvedButLost.json().path("status").asString()).isEqualTo("pending");
        Api.Response neverArrived = topUp(c, 400, "4000000000000267");
        assertThat(neverArrived.json().path("status").asString()).isEqualTo("pending");
        assertThat(available(c)).isZero();

        assertThat(awaitTopUp(c, approvedButLost.json().path("id").asString(), "succeeded").path("status").asString()).isEqualTo("succeeded");
        JsonNode failed = awaitTopUp(c, neverArrived.json().path("id").asString(), "failed");
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("failure_code").asString()).isEqualTo("processing_error");
        assertThat(available(c)).isEqualTo(700);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aMerchantChargesAPaymentCodeOnceWithinItsMinuteAndCanRefundIt() {
        Consumer c = consumer();
        fund(c, 1_000);
        OnboardedMerchant shop = onboardMerchant("Corner Tea Shop", "");
        Api.Response issued = api.postJson("/v1/wallet/payment_codes", "", "Authorization", c.bearer());
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String code = issued.json().path("code").asString();
        assertThat(code).matches("28[0-9]{16}");
        assertThat(java.time.Instant.parse(issued.json().path("expires_at").asString()))
                .isBetween(clock.instant().plusSeconds(59), clock.instant().plusSeconds(60));

        Api.Response paid = charge(shop, 300, code);
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(paid.json().path("channel").asString()).isEqualTo("wallet");
        assertThat(paid.json().path("payment_method").path("type").asString()).isEqualTo("payment_code");
        assertThat(paid.body()).doesNotContain(code);
        assertThat(available(c)).isEqualTo(700);
        JsonNode line = history(c, "").path("data").get(0);
        assertThat(line.path("type").asString()).isEqualTo("payment");
        assertThat(line.path("amount").asLong()).isEqualTo(-300);
        assertThat(line.path("counterparty").asString()).isEqualTo("Corner Tea Shop");
        assertThat(line.path("reference").asString()).isEqualTo(paid.json().path("id").asString());

        Api.Response again = charge(shop, 300, code);
        assertThat(again.status()).as(again.body()).isEqualTo(402);
        assertThat(again.error("type")).isEqualTo("payment_error");
        assertThat(again.error("code")).isEqualTo("invalid_payment_code");
        assertThat(available(c)).isEqualTo(700);

        Api.Response refund = api.postJson("/v1/refunds", "{\"payment\":\"" + paid.json().path("id").asString() + "\",\"amount\":100}",
                "Authorization", shop.bearer());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(refund.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(available(c)).isEqualTo(800);
        assertThat(history(c, "").path("data").get(0).path("type").asString()).isEqualTo("refund");
        assertThat(ledger.check().balanced()).isTrue();
    }

    /** A code another node issued is not in this node's memory of codes: its consumer is found in the database. */
    @Test
    void aCodeIssuedByAnotherNodeIsChargedFromItsStoredRow() throws Exception {
        Consumer c = consumer();
        fund(c, 1_000);
        OnboardedMerchant shop = onboardMerchant("Far Node Shop", "");
        String code = "28" + String.format("%016d", java.util.concurrent.ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L));
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(code.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        java.time.Instant now = clock.instant();
        assertThat(jdbc.sql("insert into wallet_payment_code (code_hash, wallet_id, created_at, expires_at)"
                        + " select ?, id, ?, ? from wallet where user_id = ?")
                .params(hash, java.sql.Timestamp.from(now), java.sql.Timestamp.from(now.plusSeconds(60)), c.id()).update()).isEqualTo(1);

        Api.Response paid = charge(shop, 400, code);
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(available(c)).isEqualTo(600);
        assertThat(history(c, "").path("data").get(0).path("reference").asString()).isEqualTo(paid.json().path("id").asString());
        assertThat(charge(shop, 400, code).error("code")).as("used once").isEqualTo("invalid_payment_code");
        assertThat(available(c)).isEqualTo(600);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void expiredMalformedAndRefusedCodesChargeNothing() {
        Consumer c = consumer();
        fund(c, 500);
        OnboardedMerchant shop = onboardMerchant("Noodle Bar", "");
        String expired = paymentCode(c);
        clock.advance(Duration.ofSeconds(61));
        Api.Response late = charge(shop, 100, expired);
        assertThat(late.status()).as(late.body()).isEqualTo(402);
        assertThat(late.error("code")).isEqualTo("invalid_payment_code");

        Api.Response malformed = charge(shop, 100, "28123");
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.error("param")).isEqualTo("payment_method.payment_code.code");
        assertThat(charge(shop, 100, "280000000000000000").error("code")).as("unknown").isEqualTo("invalid_payment_code");

        String code = paymentCode(c);
        Api.Response tooMuch = charge(shop, 501, code);
        assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(402);
        assertThat(tooMuch.error("code")).isEqualTo("insufficient_funds");
        assertThat(charge(shop, 500, code).status()).as("a refused charge leaves the code valid").isEqualTo(201);
        assertThat(available(c)).isZero();

        fund(c, 300_000);
        Api.Response limit = charge(shop, 99_501, paymentCode(c));
        assertThat(limit.error("code")).as("class I: 1,000.00 CNY in all, 5.00 of it paid").isEqualTo("limit_exceeded");
        String beforeFreezing = paymentCode(c);
        api.postJson("/v1/wallet/freeze", "", "Authorization", c.bearer());
        Api.Response frozen = charge(shop, 100, beforeFreezing);
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(402);
        assertThat(frozen.error("code")).isEqualTo("wallet_frozen");
        Api.Response noCode = api.postJson("/v1/wallet/payment_codes", "", "Authorization", c.bearer());
        assertThat(noCode.status()).as(noCode.body()).isEqualTo(403);
        assertThat(noCode.error("code")).isEqualTo("wallet_frozen");
        assertThat(available(c)).isEqualTo(300_000);
        assertThat(ledger.check().balanced()).isTrue();
    }


    @Test
    void aTopUpWithACardThatAsksForAuthenticationWaitsForIt() {
        Consumer c = consumer();
        Api.Response t = topUp(c, 900, "4000000000003220");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        assertThat(t.json().path("status").asString()).isEqualTo("pending");
        assertThat(t.json().path("next_action").path("type").asString()).isEqualTo("authenticate");
        assertThat(t.json().path("next_action").path("url").asString()).contains("/pay/authenticate/");
        assertThat(available(c)).isZero();
    }
}
