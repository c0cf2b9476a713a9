package io.huitong.web.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Withdrawals to a bank account, paid out over ISO 20022 (pain.001) by the simulated bank the platform
 * starts in-process: held until the bank settles, returned when it rejects. The bank's test accounts, by
 * their last four digits: 0010 is rejected (AC01), 0036 is pending and settles after the bank's settle delay (a
 * second unless a test sets it), 0044 is pending and then rejected; any other settles at once.
 */
abstract class WalletWithdrawalTests extends WalletFixtures {

    @Autowired
    org.springframework.context.ApplicationContext context;

    @org.junit.jupiter.api.BeforeEach
    void realTime() {
        // the simulated bank settles by the real clock; the resolver asks it by the platform's
        clock.reset();
    }

    @org.junit.jupiter.api.AfterEach
    void defaultSettleDelay() {
        settleDelay(io.huitong.simulator.BankOptions.DEFAULT_SETTLE_DELAY.toMillis());
    }

    /** How long the simulated bank takes to settle what it accepts as pending from now on ({@code PUT /control/channels/bank}). */
    void settleDelay(long millis) {
        String url = io.huitong.channels.EmbeddedSimulators.of(context).controlUrl() + "/control/channels/bank";
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"settle_delay_ms\":" + millis + "}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The simulated bank's own record of a payout. */
    java.util.List<java.util.Map<String, Object>> atTheBank(String reference) {
        return io.huitong.channels.EmbeddedSimulators.of(context).book("bank").stream()
                .filter(e -> reference.equals(e.get("reference"))).toList();
    }

    /** A withdrawal to Li Lei's account: not the consumer's own (they are verified as {@link #VERIFIED_NAME}). */
    Api.Response withdraw(Consumer c, long amount, String accountNumber) {
        return withdraw(c, amount, accountNumber, "Li Lei");
    }

    Api.Response withdraw(Consumer c, long amount, String accountNumber, String accountName) {
        return api.postJson("/v1/wallet/withdrawals", "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"bank_account\":{\"bank_code\":\"ICBC\","
                + "\"account_number\":\"" + accountNumber + "\",\"account_name\":\"" + accountName + "\"}}", "Authorization", c.bearer());
    }

    long used(Consumer c) {
        return wallet(c).json().path("allowance").path("used").asLong();
    }

    @Test
    void aWithdrawalToTheHoldersOwnAccountDoesNotCountAgainstTheClassOneToAnothersDoes() {
        Consumer c = consumer();
        fund(c, 300_000);
        Api.Response own = withdraw(c, 150_000, "6222020200112233", " " + VERIFIED_NAME + " ");
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(used(c)).as("beyond class I's all, and not counted").isZero();

        assertThat(withdraw(c, 30_000, "6222020200112233").status()).isEqualTo(201);
        assertThat(used(c)).isEqualTo(30_000);
        Api.Response beyond = withdraw(c, 70_001, "6222020200112233");
        assertThat(beyond.status()).as(beyond.body()).isEqualTo(402);
        assertThat(beyond.error("code")).isEqualTo("limit_exceeded");
        assertThat(available(c)).isEqualTo(120_000);

        Consumer unverified = unverifiedConsumer();
        fund(unverified, 1_000);
        Api.Response noName = withdraw(unverified, 100, "6222020200112233", "Li Lei");
        assertThat(noName.status()).as("without a verified name no account is known to be the holder's: " + noName.body()).isEqualTo(403);
        assertThat(noName.error("code")).isEqualTo("verification_required");
        assertThat(available(unverified)).isEqualTo(1_000);
        assertThat(ledger.check().balanced()).isTrue();
    }

    long pending(Consumer c) {
        return wallet(c).json().path("balances").get(0).path("pending").asLong();
    }

    JsonNode awaitWithdrawal(Consumer c, String id, String status) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            Api.Response r = api.get("/v1/wallet/withdrawals/" + id, "Authorization", c.bearer());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            if (r.json().path("status").asString().equals(status) || System.currentTimeMillis() > deadline) {
                return r.json();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aWithdrawalTheBankSettlesLeavesTheWallet() {
        Consumer c = consumer();
        fund(c, 1_000);
        Api.Response w = withdraw(c, 300, "6222020200112233");
        assertThat(w.status()).as(w.body()).isEqualTo(201);
        assertThat(w.json().path("id").asString()).startsWith("wdr_");
        assertThat(w.json().path("object").asString()).isEqualTo("wallet_withdrawal");
        assertThat(w.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(w.json().path("bank_account").path("last4").asString()).isEqualTo("2233");
        assertThat(w.body()).doesNotContain("6222020200112233");
        assertThat(available(c)).isEqualTo(700);
        assertThat(pending(c)).isZero();
        JsonNode line = history(c, "").path("data").get(0);
        assertThat(line.path("type").asString()).isEqualTo("withdrawal");
        assertThat(line.path("amount").asLong()).isEqualTo(-300);
        assertThat(line.path("status").asString()).isEqualTo("succeeded");
        assertThat(atTheBank(w.json().path("id").asString())).as("the bank paid it out once").hasSize(1);
        assertThat(api.get("/v1/wallet/withdrawals/" + w.json().path("id").asString(), "Authorization", consumer().bearer()).status())
                .as("another consumer's withdrawal").isEqualTo(404);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aRejectedWithdrawalReturnsTheMoney() {
        Consumer c = consumer();
        fund(c, 1_000);
        Api.Response w = withdraw(c, 400, "6222020200110010");
        assertThat(w.status()).as(w.body()).isEqualTo(201);
        assertThat(w.json().path("status").asString()).isEqualTo("failed");
        assertThat(w.json().path("failure_code").asString()).isEqualTo("invalid_account");
        assertThat(available(c)).isEqualTo(1_000);
        assertThat(used(c)).as("a failed withdrawal gives the class its amount back").isZero();
        assertThat(history(c, "").path("data").get(0).path("status").asString()).isEqualTo("failed");
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aPendingWithdrawalHoldsTheMoneyUntilTheBankAnswers() {
        Consumer c = consumer();
        fund(c, 1_000);
        settleDelay(4_000); // long enough to look at the held money before the bank settles, however busy the machine
        Api.Response first = withdraw(c, 300, "6222020200110036");
        assertThat(first.json().path("status").asString()).as(first.body()).isEqualTo("pending");
        String settles = first.json().path("id").asString();
        Api.Response second = withdraw(c, 200, "6222020200220044");
        assertThat(second.json().path("status").asString()).isEqualTo("pending");
        assertThat(available(c)).isEqualTo(500);
        assertThat(pending(c)).isEqualTo(500);
        Api.Response tooMuch = withdraw(c, 501, "6222020200334455");
        assertThat(tooMuch.status()).as("held money cannot be spent twice: " + tooMuch.body()).isEqualTo(402);
        assertThat(tooMuch.error("code")).isEqualTo("insufficient_funds");
        assertThat(available(c)).as("still held").isEqualTo(500);
        assertThat(pending(c)).isEqualTo(500);

        settleDelay(io.huitong.simulator.BankOptions.DEFAULT_SETTLE_DELAY.toMillis());
        clock.advance(java.time.Duration.ofSeconds(20)); // past the resolver's first look
        assertThat(awaitWithdrawal(c, settles, "succeeded").path("status").asString()).isEqualTo("succeeded");
        assertThat(awaitWithdrawal(c, second.json().path("id").asString(), "failed").path("status").asString()).isEqualTo("failed");
        assertThat(available(c)).isEqualTo(700);
        assertThat(pending(c)).isZero();
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void refusedWithdrawalsChangeNothingAndReachNoBank() {
        long booked = io.huitong.channels.EmbeddedSimulators.of(context).book("bank").size();
        Consumer c = consumer();
        fund(c, 1_000);
        Api.Response bad = api.postJson("/v1/wallet/withdrawals", "{\"amount\":100,\"currency\":\"CNY\",\"bank_account\":{\"bank_code\":\"ICBC\","
                + "\"account_number\":\"12\",\"account_name\":\"Li Lei\"}}", "Authorization", c.bearer());
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.error("param")).isEqualTo("bank_account.account_number");
        assertThat(withdraw(c, 200_001, "6222020200556677").error("code")).isEqualTo("limit_exceeded");
        api.postJson("/v1/wallet/freeze", "", "Authorization", c.bearer());
        assertThat(withdraw(c, 100, "6222020200556677").error("code")).isEqualTo("wallet_frozen");
        assertThat(available(c)).isEqualTo(1_000);
        assertThat(history(c, "").path("data")).isEmpty();
        assertThat(io.huitong.channels.EmbeddedSimulators.of(context).book("bank")).as("nothing reached the bank").hasSize((int) booked);
    }
}
