package io.huitong.web.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.ledger.Ledger;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestOperators;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md "Settlement and payouts": a merchant's money from payment to paid out, T+N in business days of the
 * calendar, refunds taken from the next settlement, a negative balance carried forward, other currencies converted at
 * the rate in force, payouts through the simulated bank (paid, rejected) with two-person approval above the threshold.
 * Dates are in November 2026, an ordinary month of the mainland calendar: 2 November is a Monday.
 */
abstract class SettlementApiTests extends ApiTestSupport {

    static final String SETTLES = "6222004000000004242";
    static final String REJECTED = "6222002000000000010";
    static final String BANK = "999900000001";

    @Autowired
    MutableClock clock;

    @Autowired
    Ledger ledger;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @DynamicPropertySource
    static void approvals(DynamicPropertyRegistry registry) {
        registry.add("huitong.approvals.payout-threshold", () -> "100000");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Sets the clock to a time of day in Asia/Shanghai. */
    void at(String localDateTime) {
        clock.setTo(Instant.parse(localDateTime + "+08:00"));
    }

    static String card() {
        return io.huitong.simulator.Simulator.approvedCard("424242", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    String pay(OnboardedMerchant m, long amount, String currency) {
        Api.Response r = api.postJson("/v1/payments", "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"payment_method\":"
                + "{\"type\":\"card\",\"card\":{\"number\":\"" + card() + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
        return r.json().path("id").asString();
    }

    void refund(OnboardedMerchant m, String payment, long amount) {
        Api.Response r = api.postJson("/v1/refunds", "{\"payment\":\"" + payment + "\",\"amount\":" + amount + "}", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
    }

    OnboardedMerchant merchant(String name, String terms, String accountNumber) {
        OnboardedMerchant m = onboardMerchant(name, terms);
        if (accountNumber != null) {
            Api.Response r = api.putJson("/v1/admin/merchants/" + m.id() + "/bank_account", "{\"bank_code\":\"" + BANK + "\",\"account_number\":\""
                    + accountNumber + "\",\"account_name\":\"汇通茶庄\"}", "Authorization", admin());
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            assertThat(r.body()).as("the approval shows the account masked").doesNotContain(accountNumber)
                    .contains(accountNumber.substring(accountNumber.length() - 4)).doesNotContain("sealed_request");
            assertThat(jdbc.sql("select details from approval where id = ?").params(r.json().path("id").asString()).query(String.class)
                    .single()).as("and keeps its number sealed").doesNotContain(accountNumber);
            JsonNode before = api.get("/v1/admin/merchants/" + m.id(), "Authorization", admin()).json().path("bank_account");
            assertThat(before.isNull() || before.isMissingNode()).as("no account before the approval").isTrue();
            colleague.approve(r);
        }
        return m;
    }

    /** Runs settlement for a date over one merchant, as an operator, and waits for the run to end. */
    JsonNode run(String date, OnboardedMerchant m) {
        Api.Response started = api.postJson("/v1/admin/settlement_runs", "{\"business_date\":\"" + date + "\",\"merchant\":\"" + m.id() + "\"}",
                "Authorization", admin());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("object").asString()).isEqualTo("settlement_run");
        return await("/v1/admin/settlement_runs/" + started.json().path("id").asString(), admin(), "completed");
    }

    JsonNode await(String path, String bearer, String status) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            Api.Response r = api.get(path, "Authorization", bearer);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            if (r.json().path("status").asString().equals(status) || System.currentTimeMillis() > deadline) {
                assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo(status);
                return r.json();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    JsonNode settlements(OnboardedMerchant m) {
        Api.Response r = api.get("/v1/settlements?limit=100", "Authorization", m.bearer());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data");
    }

    JsonNode balance(OnboardedMerchant m) {
        return api.get("/v1/balance", "Authorization", m.bearer()).json();
    }

    static long amount(JsonNode balances, String currency) {
        for (JsonNode b : balances) {
            if (b.path("currency").asString().equals(currency)) {
                return b.path("amount").asLong();
            }
        }
        return 0;
    }

    @Test
    void aT1MerchantIsSettledTheNextBusinessDayAndPaidOutOnce() {
        OnboardedMerchant m = merchant("汇通茶庄 Tea House", "\"fee_percent_bps\":300", SETTLES);
        at("2026-11-02T10:00:00");
        pay(m, 1000, "CNY");
        String second = pay(m, 2000, "CNY");
        refund(m, second, 500);

        at("2026-11-02T23:00:00");
        assertThat(run("2026-11-02", m).path("settlements").asInt()).as("T1: nothing is due on the day itself").isZero();
        assertThat(settlements(m)).isEmpty();

        at("2026-11-03T11:00:00");
        JsonNode run = run("2026-11-03", m);
        assertThat(run.path("settlements").asInt()).isEqualTo(1);
        assertThat(run.path("progress").path("done").asInt()).isEqualTo(run.path("progress").path("total").asInt());
        JsonNode s = settlements(m).get(0);
        assertThat(s.path("id").asString()).startsWith("stl_");
        assertThat(s.path("object").asString()).isEqualTo("settlement");
        assertThat(s.path("business_date").asString()).isEqualTo("2026-11-03");
        assertThat(s.path("currency").asString()).isEqualTo("CNY");
        assertThat(s.path("gross").asLong()).isEqualTo(3000);
        assertThat(s.path("fees").asLong()).isEqualTo(90);
        assertThat(s.path("refunds").asLong()).isEqualTo(500);
        assertThat(s.path("adjustments").asLong()).isZero();
        assertThat(s.path("net").asLong()).isEqualTo(2410);
        assertThat(s.path("lines_count").asInt()).isEqualTo(3);
        assertThat(s.path("fx").isNull()).isTrue();

        JsonNode lines = api.get("/v1/settlements/" + s.path("id").asString() + "/lines?limit=100", "Authorization", m.bearer()).json()
                .path("data");
        assertThat(lines).hasSize(3);
        long net = 0;
        for (JsonNode line : lines) {
            net += line.path("net").asLong();
        }
        assertThat(net).isEqualTo(2410);

        String payout = s.path("payout").asString();
        assertThat(payout).startsWith("po_");
        JsonNode paid = await("/v1/payouts/" + payout, m.bearer(), "paid");
        assertThat(paid.path("amount").asLong()).isEqualTo(2410);
        assertThat(paid.path("bank_account").path("account_number").asString()).isEqualTo("•••• 4242");
        assertThat(paid.toString()).doesNotContain(SETTLES);
        assertThat(await("/v1/settlements/" + s.path("id").asString(), m.bearer(), "paid").path("payout").asString()).isEqualTo(payout);
        assertThat(amount(balance(m).path("pending"), "CNY")).isZero();
        assertThat(amount(balance(m).path("available"), "CNY")).isZero();
        assertThat(api.get("/v1/events?type=payout.paid", "Authorization", m.bearer()).json().path("data")).hasSize(1);
        assertThat(jdbc.sql("select customer_type || ' ' || direction || ' ' || amount from aml_transaction where source_ref = ?").param(payout)
                .query(String.class).list()).as("the payout is an organisation's transfer to AML").containsExactly("organisation debit 2410");

        assertThat(run("2026-11-03", m).path("settlements").asInt()).as("the same date again settles nothing twice").isZero();
        assertThat(settlements(m)).hasSize(1);
        assertThat(ledger.check().balanced()).isTrue();

        statements(m, s.path("id").asString());

        OnboardedMerchant other = merchant("Other Shop", "", null);
        assertThat(api.download("/v1/settlements/" + s.path("id").asString() + "/statement.pdf", "Authorization", other.bearer()).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/settlements/" + s.path("id").asString(), "Authorization", other.bearer()).status()).isEqualTo(404);
        assertThat(api.get("/v1/payouts/" + payout, "Authorization", other.bearer()).status()).isEqualTo(404);
    }

    /** The statement in each format opens and shows the merchant, the lines and the net. */
    void statements(OnboardedMerchant m, String settlement) {
        String base = "/v1/settlements/" + settlement + "/statement.";
        Api.Download csv = api.download(base + "csv", "Authorization", m.bearer());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("汇通茶庄 Tea House").contains(settlement).contains("24.10").contains("-5.00").doesNotContain(SETTLES);

        Api.Download xlsx = api.download(base + "xlsx", "Authorization", m.bearer());
        assertThat(xlsx.status()).isEqualTo(200);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            StringBuilder cells = new StringBuilder();
            int numbers = 0;
            for (var row : book.getSheetAt(0)) {
                for (var cell : row) {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                        numbers++;
                        cells.append(cell.getNumericCellValue()).append('|');
                    } else {
                        cells.append(cell.toString()).append('|');
                    }
                }
            }
            assertThat(cells.toString()).contains("汇通茶庄 Tea House").contains("24.1");
            assertThat(numbers).as("amounts are numbers, not text").isGreaterThan(10);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        Api.Download pdf = api.download(base + "pdf", "Authorization", m.bearer());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String pdfText = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(pdfText).contains("汇通茶庄").contains("Tea House").contains("结算单").contains("24.10");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(api.download(base + "doc", "Authorization", m.bearer()).status()).isEqualTo(404);
    }

    @Test
    void aRefundAfterSettlementComesOffTheNextOneAndANegativeNetIsCarriedForward() {
        OnboardedMerchant m = merchant("Noodle Bar", "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":300", SETTLES);
        at("2026-11-02T09:00:00");
        String first = pay(m, 1000, "CNY");
        at("2026-11-02T20:00:00");
        assertThat(run("2026-11-02", m).path("settlements").asInt()).isEqualTo(1);
        assertThat(settlements(m).get(0).path("net").asLong()).isEqualTo(970);

        at("2026-11-03T09:00:00");
        refund(m, first, 1000);
        at("2026-11-03T20:00:00");
        run("2026-11-03", m);
        JsonNode carried = settlements(m).get(0);
        assertThat(carried.path("refunds").asLong()).isEqualTo(1000);
        assertThat(carried.path("net").asLong()).isEqualTo(-1000);
        assertThat(carried.path("carried_forward").asLong()).isEqualTo(-1000);
        assertThat(carried.path("status").asString()).isEqualTo("carried_forward");
        assertThat(carried.path("payout").isNull()).as("a negative net is not paid out").isTrue();

        at("2026-11-04T09:00:00");
        pay(m, 3000, "CNY");
        at("2026-11-04T20:00:00");
        run("2026-11-04", m);
        JsonNode next = settlements(m).get(0);
        assertThat(next.path("gross").asLong()).isEqualTo(3000);
        assertThat(next.path("fees").asLong()).isEqualTo(90);
        assertThat(next.path("adjustments").asLong()).as("the carried balance").isEqualTo(-1000);
        assertThat(next.path("net").asLong()).isEqualTo(1910);
        await("/v1/payouts/" + next.path("payout").asString(), m.bearer(), "paid");
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aPaymentInAnotherCurrencySettlesAtTheRateInForce() {
        OnboardedMerchant m = merchant("Duty Free", "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":300", SETTLES);
        at("2026-11-05T09:00:00");
        pay(m, 10_000, "USD");
        at("2026-11-05T20:00:00");
        JsonNode withoutRate = run("2026-11-05", m);
        assertThat(withoutRate.path("skipped").asInt()).as("no USD/CNY rate yet").isEqualTo(1);
        assertThat(settlements(m)).isEmpty();

        Api.Response rate = api.postJson("/v1/admin/fx_rates", "{\"base\":\"USD\",\"quote\":\"CNY\",\"rate\":\"7.1234\"}", "Authorization", admin());
        assertThat(rate.status()).as(rate.body()).isEqualTo(201);
        run("2026-11-05", m);
        JsonNode s = settlements(m).get(0);
        assertThat(s.path("currency").asString()).isEqualTo("CNY");
        assertThat(s.path("fx").path("from_currency").asString()).isEqualTo("USD");
        assertThat(s.path("fx").path("rate").asString()).isEqualTo("7.1234");
        assertThat(s.path("gross").asLong()).as("100.00 USD at 7.1234").isEqualTo(71_234);
        assertThat(s.path("fees").asLong()).as("3.00 USD is 21.3702 CNY, rounded half-up").isEqualTo(2_137);
        assertThat(s.path("net").asLong()).isEqualTo(69_097);
        await("/v1/payouts/" + s.path("payout").asString(), m.bearer(), "paid");
        assertThat(amount(balance(m).path("pending"), "USD")).isZero();
        assertThat(ledger.check().balanced()).as("each currency balanced on its own").isTrue();
    }

    @Test
    void aPayoutTheBankRejectsFailsAndTheMoneyIsAvailableAgain() {
        OnboardedMerchant m = merchant("Closed Account Ltd", "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":0", REJECTED);
        at("2026-11-06T09:00:00");
        pay(m, 5000, "CNY");
        at("2026-11-06T20:00:00");
        run("2026-11-06", m);
        JsonNode s = settlements(m).get(0);
        JsonNode failed = await("/v1/payouts/" + s.path("payout").asString(), m.bearer(), "failed");
        assertThat(failed.path("failure_code").asString()).isNotBlank();
        assertThat(await("/v1/settlements/" + s.path("id").asString(), m.bearer(), "failed").path("net").asLong()).isEqualTo(5000);
        assertThat(amount(balance(m).path("available"), "CNY")).isEqualTo(5000);
        assertThat(api.get("/v1/events?type=payout.failed", "Authorization", m.bearer()).json().path("data")).hasSize(1);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void aPayoutAtTheThresholdWaitsForAnotherFinanceOperator() {
        TestOperators operators = new TestOperators(api, clock);
        OnboardedMerchant m = merchant("Big Spender", "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":0", SETTLES);
        at("2026-11-09T09:00:00");
        pay(m, 150_000, "CNY");
        at("2026-11-09T20:00:00");
        run("2026-11-09", m);
        String payout = settlements(m).get(0).path("payout").asString();
        JsonNode waiting = api.get("/v1/payouts/" + payout, "Authorization", m.bearer()).json();
        assertThat(waiting.path("status").asString()).isEqualTo("requires_approval");
        String approval = waiting.path("approval").asString();
        assertThat(approval).startsWith("apr_");

        Api.Response own = api.postJson("/v1/admin/approvals/" + approval + "/approve", "{}", "Authorization", admin());
        assertThat(own.status()).as("the operator who started the run requested the payout").isEqualTo(403);
        clock.reset();
        TestOperators.LoggedIn support = operators.createAndLogIn("support");
        assertThat(api.postJson("/v1/admin/approvals/" + approval + "/approve", "{}", "Authorization", support.bearer()).status())
                .isEqualTo(403);
        TestOperators.LoggedIn finance = operators.createAndLogIn("finance");
        Api.Response approved = api.postJson("/v1/admin/approvals/" + approval + "/approve", "{\"note\":\"checked\"}", "Authorization",
                finance.bearer());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("approved");
        await("/v1/payouts/" + payout, m.bearer(), "paid");
    }

    @Test
    void aRejectedPayoutFailsAndTheMoneyIsAvailableAgain() {
        TestOperators operators = new TestOperators(api, clock);
        OnboardedMerchant m = merchant("Second Look", "\"settlement_schedule\":\"T0\",\"fee_percent_bps\":0", SETTLES);
        at("2026-11-10T09:00:00");
        pay(m, 120_000, "CNY");
        at("2026-11-10T20:00:00");
        run("2026-11-10", m);
        String payout = settlements(m).get(0).path("payout").asString();
        String approval = api.get("/v1/payouts/" + payout, "Authorization", m.bearer()).json().path("approval").asString();
        clock.reset();
        TestOperators.LoggedIn finance = operators.createAndLogIn("finance");
        Api.Response rejected = api.postJson("/v1/admin/approvals/" + approval + "/reject", "{\"note\":\"account under review\"}",
                "Authorization", finance.bearer());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        JsonNode failed = await("/v1/payouts/" + payout, m.bearer(), "failed");
        assertThat(failed.path("failure_code").asString()).isEqualTo("approval_rejected");
        assertThat(amount(balance(m).path("available"), "CNY")).isEqualTo(120_000);
        assertThat(ledger.check().balanced()).isTrue();
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        OnboardedMerchant m = merchant("Careful Co", "", SETTLES);
        String before = api.get("/v1/admin/settlement_runs?limit=100", "Authorization", admin()).body();
        Api.Response future = api.postJson("/v1/admin/settlement_runs", "{\"business_date\":\"2999-01-01\"}", "Authorization", admin());
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.error("param")).isEqualTo("business_date");
        for (String date : new String[] {"2026-13-01", "2026-02-30", "-2026-01-01", "1999-12-31", "\\u0000", "20261101"}) {
            assertThat(api.postJson("/v1/admin/settlement_runs", "{\"business_date\":\"" + date + "\"}", "Authorization", admin())
                    .error("param")).as(date).isEqualTo("business_date");
        }
        assertThat(api.postJson("/v1/admin/settlement_runs", "{\"merchant\":\"mer_nope\"}", "Authorization", admin()).error("param"))
                .isEqualTo("merchant");
        assertThat(api.postJson("/v1/admin/settlement_runs", "{\"bogus\":1}", "Authorization", admin()).status()).isEqualTo(400);
        assertThat(api.postJson("/v1/admin/settlement_runs", "{not json", "Authorization", admin()).status()).isEqualTo(400);
        assertThat(api.postJson("/v1/admin/settlement_runs", "{}", "Authorization", m.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/admin/settlement_runs?limit=100", "Authorization", admin()).body()).isEqualTo(before);

        String account = "/v1/admin/merchants/" + m.id() + "/bank_account";
        assertThat(api.putJson(account, "{\"bank_code\":\"" + BANK + "\",\"account_number\":\"6222004000000004243\",\"account_name\":\"x\"}",
                "Authorization", admin()).error("param")).as("fails its Luhn check digit").isEqualTo("account_number");
        assertThat(api.putJson(account, "{\"bank_code\":\"" + BANK + "\",\"account_number\":\"GB82WEST12345698765433\",\"account_name\":\"x\"}",
                "Authorization", admin()).error("param")).as("fails its IBAN check digits").isEqualTo("account_number");
        assertThat(api.putJson(account, "{\"bank_code\":\"" + BANK + "\",\"account_number\":\"" + SETTLES + "\",\"account_name\":\"a\\u0000b\"}",
                "Authorization", admin()).error("param")).isEqualTo("account_name");
        assertThat(api.putJson("/v1/admin/merchants/mer_nope/bank_account", "{\"bank_code\":\"" + BANK + "\",\"account_number\":\"" + SETTLES
                + "\",\"account_name\":\"x\"}", "Authorization", admin()).status()).isEqualTo(404);
        JsonNode shown = api.get("/v1/admin/merchants/" + m.id(), "Authorization", admin()).json();
        assertThat(shown.path("bank_account").path("account_number").asString()).isEqualTo("•••• 4242");
        assertThat(shown.path("bank_account").path("account_name").asString()).isEqualTo("汇通茶庄");

        // payouts follow the account: a change waits for a second person, and a rejected one leaves the account as it was
        String otherAccount = "6222004000000005520";
        Api.Response change = api.putJson(account, "{\"bank_code\":\"" + BANK + "\",\"account_number\":\"" + otherAccount
                + "\",\"account_name\":\"汇通茶庄二店\"}", "Authorization", admin());
        assertThat(change.status()).as(change.body()).isEqualTo(202);
        assertThat(change.json().path("action").asString()).isEqualTo("merchant.bank_account.change");
        assertThat(change.json().path("details").path("previous").path("account_number").asString()).isEqualTo("•••• 4242");
        assertThat(change.body()).doesNotContain(otherAccount);
        assertThat(api.get("/v1/admin/merchants/" + m.id(), "Authorization", admin()).json().path("bank_account").path("account_number")
                .asString()).as("unchanged while it waits").isEqualTo("•••• 4242");
        Api.Response rejected = api.postJson("/v1/admin/approvals/" + change.json().path("id").asString() + "/reject", "{\"note\":\"not ours\"}",
                "Authorization", colleague.approver().bearer());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(api.get("/v1/admin/merchants/" + m.id(), "Authorization", admin()).json().path("bank_account").path("account_number")
                .asString()).as("unchanged once rejected").isEqualTo("•••• 4242");
        colleague.approve(api.putJson(account, "{\"bank_code\":\"" + BANK + "\",\"account_number\":\"" + otherAccount
                + "\",\"account_name\":\"汇通茶庄二店\"}", "Authorization", admin()));
        assertThat(api.get("/v1/admin/merchants/" + m.id(), "Authorization", admin()).json().path("bank_account").path("account_number")
                .asString()).as("changed once approved").isEqualTo("•••• 5520");

        Api.Response terms = api.postJson("/v1/admin/merchants/" + m.id(), "{\"settlement_schedule\":\"T3\"}", "Authorization", admin());
        assertThat(terms.error("param")).isEqualTo("settlement_schedule");
        Api.Response changed = api.postJson("/v1/admin/merchants/" + m.id(), "{\"settlement_schedule\":\"T2\",\"settlement_currency\":\"HKD\"}",
                "Authorization", admin());
        assertThat(changed.status()).as(changed.body()).isEqualTo(202);
        assertThat(changed.json().path("action").asString()).isEqualTo("merchant.terms.change");
        assertThat(api.get("/v1/admin/merchants/" + m.id(), "Authorization", admin()).json().path("settlement_schedule").asString())
                .as("unchanged until a second operator approves").isNotEqualTo("T2");
        colleague.approve(changed);
        JsonNode after = api.get("/v1/admin/merchants/" + m.id(), "Authorization", admin()).json();
        assertThat(after.path("settlement_schedule").asString()).isEqualTo("T2");
        assertThat(after.path("settlement_currency").asString()).isEqualTo("HKD");
        assertThat(api.postJson("/v1/admin/merchants/mer_nope", "{\"settlement_schedule\":\"T1\"}", "Authorization", admin()).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/settlements/stl_nope", "Authorization", m.bearer()).status()).isEqualTo(404);
    }
}
