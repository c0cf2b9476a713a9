package io.huitong.web.aml;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.aml.AmlMonitoring;
import io.huitong.aml.AmlTransaction;
import io.huitong.aml.NewAmlTransaction;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestOperators;
import io.huitong.web.wallets.WalletFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/**
 * Anti-money-laundering over HTTP, with the feed live: wallet transfers between real-name verified consumers
 * and card payments reach the reports on their own; cash, cross-border and organisation movements come in
 * through the normalised record API a channel would call. Thresholds at the boundary and cumulatively within
 * an Asia/Shanghai day, each suspicious pattern, the exports and the roles.
 */
abstract class AmlApiTests extends WalletFixtures {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    AmlMonitoring monitoring;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    // ---- fixtures ----

    /**
     * AML is about movements far beyond what the payment-account classes let a wallet move (a large-value report starts at
     * 500,000.00 CNY a day): the tests' platform gives class I a figure no test reaches.
     */
    static void classFigures(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("huitong.wallets.classes.limits.I", () -> "1000000000000");
    }

    /** A class I (real-name verified) consumer whose wallet holds {@code amount}, funded through the ledger. */
    Consumer funded(long amount) {
        Consumer c = consumer();
        allowListed("user", "\"value\":\"" + c.id() + "\"");
        if (amount > 0) {
            fund(c, amount);
        }
        return c;
    }

    /**
     * Puts a customer on risk control's allow list, as an analyst does for a known customer, so that the
     * large movements AML is about are not held by risk control's amount rules first.
     */
    /** Allow-lists a card, device, ...; answers the entry's value (a card's fingerprint). */
    String allowListed(String type, String value) {
        Api.Response r = api.postJson("/v1/admin/risk/lists/" + type, "{" + value + ",\"action\":\"allow\",\"reason\":\"known customer\"}",
                "Authorization", admin());
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("value").asString();
    }

    void send(Consumer from, Consumer to, long amount) {
        Api.Response r = transfer(from, to, amount);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Moves the clock forward to the next {@code time} of day in Shanghai, at least an hour ahead. */
    void moveTo(LocalTime time) {
        ZonedDateTime now = clock.instant().atZone(SHANGHAI);
        ZonedDateTime target = now.toLocalDate().atTime(time).atZone(SHANGHAI);
        while (!target.isAfter(now.plusHours(1))) {
            target = target.plusDays(1);
        }
        clock.advance(Duration.between(now.toInstant(), target.toInstant()));
    }

    JsonNode reports(String query) {
        Api.Response r = api.get("/v1/admin/aml/reports" + query, "Authorization", admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    List<JsonNode> reportsOf(String type, String customer) {
        List<JsonNode> out = new ArrayList<>();
        reports("?limit=100&type=" + type + "&customer=" + customer).path("data").forEach(out::add);
        return out;
    }

    List<String> rulesOf(String type, String customer) {
        return reportsOf(type, customer).stream().map(r -> r.path("rule").asString()).toList();
    }

    AmlTransaction record(String customer, String customerType, String direction, long amount, String currency, boolean crossBorder,
                          boolean cash, Instant at) {
        return monitoring.record(new NewAmlTransaction("test:" + UUID.randomUUID(), cash ? "cash_deposit" : "test_transfer", customer,
                customerType, direction, "counterparty-" + UUID.randomUUID(), null, null, amount, currency, crossBorder, cash, at));
    }

    // ---- large value ----

    @Test
    void anIndividualsDomesticTransferIsReportedFrom500000ExactlyAndNot499999_99() {
        Consumer under = funded(100_000_000L);
        Consumer at = funded(100_000_000L);
        Consumer to = funded(0);
        send(under, to, 49_999_999L);
        send(at, to, 50_000_000L);
        assertThat(reportsOf("large_value", under.id())).isEmpty();
        List<JsonNode> reported = reportsOf("large_value", at.id());
        assertThat(reported).hasSize(1);
        JsonNode report = reported.getFirst();
        assertThat(report.path("object").asString()).isEqualTo("aml_report");
        assertThat(report.path("rule").asString()).isEqualTo("individual_transfer");
        assertThat(report.path("customer_type").asString()).isEqualTo("individual");
        assertThat(report.path("business_day").asString()).isEqualTo(LocalDate.ofInstant(clock.instant(), SHANGHAI).toString());
        assertThat(report.path("amount_cny").asLong()).isEqualTo(50_000_000L);
        assertThat(report.path("transactions")).hasSize(1);
        JsonNode t = report.path("transactions").get(0);
        assertThat(t.path("kind").asString()).isEqualTo("wallet_transfer");
        assertThat(t.path("direction").asString()).isEqualTo("debit");
        assertThat(t.path("amount").asLong()).isEqualTo(50_000_000L);
        assertThat(t.path("reference").asString()).startsWith("wtr_");
        Api.Response one = api.get("/v1/admin/aml/reports/" + report.path("id").asString(), "Authorization", admin());
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().path("customer").asString()).isEqualTo(at.id());
        // the consumer as the institution knows them: verified name and ID number, and phone, all masked
        JsonNode who = one.json().path("customer_identity");
        assertThat(who.path("kind").asString()).isEqualTo("consumer");
        assertThat(who.path("name").asString()).isEqualTo("*梅梅");
        assertThat(who.path("id_number").asString()).startsWith("1101**********");
        assertThat(who.path("phone").asString()).contains("****");
        assertThat(api.get("/v1/admin/aml/reports/amlr_nope", "Authorization", admin()).status()).isEqualTo(404);
    }

    @Test
    void sameDayTransfersAddUpToOneReportListingThemAllUpdatedAsMoreArrive() {
        moveTo(LocalTime.of(10, 0));
        Consumer from = funded(100_000_000L);
        Consumer b = funded(0);
        Consumer c = funded(0);
        send(from, b, 30_000_000L);
        assertThat(reportsOf("large_value", from.id())).isEmpty();
        send(from, c, 20_000_000L);
        List<JsonNode> reported = reportsOf("large_value", from.id());
        assertThat(reported).hasSize(1);
        assertThat(reported.getFirst().path("transactions")).hasSize(2);
        assertThat(reported.getFirst().path("amount_cny").asLong()).isEqualTo(50_000_000L);
        clock.advance(Duration.ofHours(2));
        send(from, b, 1_000L);
        reported = reportsOf("large_value", from.id());
        assertThat(reported).hasSize(1);
        assertThat(reported.getFirst().path("transactions")).hasSize(3);
        // filtering by day
        String day = LocalDate.ofInstant(clock.instant(), SHANGHAI).toString();
        assertThat(reports("?type=large_value&customer=" + from.id() + "&date=" + day).path("data")).hasSize(1);
        assertThat(reports("?type=large_value&customer=" + from.id() + "&date=2001-01-01").path("data")).isEmpty();
    }

    @Test
    void transfersEitherSideOfMidnightInShanghaiDoNotAddUp() {
        moveTo(LocalTime.of(23, 50));
        Consumer from = funded(100_000_000L);
        Consumer to = funded(0);
        clock.advance(Duration.ofMinutes(8));
        send(from, to, 30_000_000L);
        clock.advance(Duration.ofMinutes(4));
        send(from, to, 30_000_000L);
        assertThat(reportsOf("large_value", from.id())).isEmpty();
    }

    @Test
    void cashIsReportedFrom50000ExactlyAndNot49999_99() {
        String under = "cash-customer-" + UUID.randomUUID();
        String at = "cash-customer-" + UUID.randomUUID();
        record(under, "individual", "credit", 4_999_999L, "CNY", false, true, clock.instant());
        record(at, "individual", "credit", 5_000_000L, "CNY", false, true, clock.instant());
        assertThat(rulesOf("large_value", under)).isEmpty();
        assertThat(rulesOf("large_value", at)).containsExactly("cash");
        // and cumulatively: 30,000 + 20,000 in cash in one day
        String twice = "cash-customer-" + UUID.randomUUID();
        record(twice, "individual", "debit", 3_000_000L, "CNY", false, true, clock.instant());
        assertThat(rulesOf("large_value", twice)).isEmpty();
        record(twice, "individual", "debit", 2_000_000L, "CNY", false, true, clock.instant());
        assertThat(rulesOf("large_value", twice)).containsExactly("cash");
    }

    @Test
    void crossBorderAndOrganisationThresholds() {
        String under = "xb-" + UUID.randomUUID();
        String at = "xb-" + UUID.randomUUID();
        record(under, "individual", "debit", 19_999_999L, "CNY", true, false, clock.instant());
        record(at, "individual", "debit", 20_000_000L, "CNY", true, false, clock.instant());
        assertThat(rulesOf("large_value", under)).isEmpty();
        assertThat(rulesOf("large_value", at)).containsExactly("individual_cross_border_transfer");
        String usd = "xb-" + UUID.randomUUID();
        record(usd, "individual", "debit", 1_000_000L, "USD", true, false, clock.instant());
        assertThat(rulesOf("large_value", usd)).containsExactly("individual_cross_border_transfer");

        String orgUnder = "mer_test_" + UUID.randomUUID();
        String orgAt = "mer_test_" + UUID.randomUUID();
        record(orgUnder, "organisation", "debit", 199_999_999L, "CNY", false, false, clock.instant());
        record(orgAt, "organisation", "debit", 200_000_000L, "CNY", false, false, clock.instant());
        assertThat(rulesOf("large_value", orgUnder)).isEmpty();
        assertThat(rulesOf("large_value", orgAt)).containsExactly("organisation_transfer");
        assertThat(reportsOf("large_value", orgAt).getFirst().path("customer_type").asString()).isEqualTo("organisation");
        assertThat(reportsOf("large_value", orgAt).getFirst().path("customer_identity").path("kind").asString()).as("no such merchant")
                .isEqualTo("other");
    }

    @Test
    void aCardPaymentIsReportedWithItsMerchant() {
        OnboardedMerchant merchant = onboardMerchant("Jade Emporium", "");
        String card = newCard();
        String fingerprint = allowListed("card", "\"card_number\":\"" + card + "\"");
        Api.Response paid = api.postJson("/v1/payments", "{\"amount\":50000000,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\","
                + "\"card\":{\"number\":\"" + card + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}",
                "Authorization", merchant.bearer());
        assertThat(paid.status()).as(paid.body()).isIn(200, 201);
        assertThat(paid.json().path("status").asString()).as(paid.body()).isEqualTo("succeeded");
        String day = LocalDate.ofInstant(clock.instant(), SHANGHAI).toString();
        List<JsonNode> found = new ArrayList<>();
        reports("?limit=100&type=large_value&date=" + day).path("data").forEach(r -> {
            for (JsonNode m : r.path("merchants")) {
                if (m.asString().equals(merchant.id())) {
                    found.add(r);
                }
            }
        });
        assertThat(found).hasSize(1);
        JsonNode t = found.getFirst().path("transactions").get(0);
        assertThat(t.path("kind").asString()).isEqualTo("card_payment");
        assertThat(t.path("merchant").asString()).isEqualTo(merchant.id());
        assertThat(t.path("reference").asString()).isEqualTo(paid.json().path("id").asString());
        // the card by the fingerprint risk control knows it by, not by brand and last four digits, which many cards share
        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(found.getFirst().path("customer").asString()).isEqualTo("card:" + fingerprint);
        // and named as the institution knows it: brand, the number masked to its last four, the fingerprint
        JsonNode who = found.getFirst().path("customer_identity");
        assertThat(who.path("kind").asString()).isEqualTo("card");
        assertThat(who.path("card_brand").asString()).isEqualTo("visa");
        assertThat(who.path("card_number").asString()).isEqualTo("**** **** **** " + card.substring(card.length() - 4));
        assertThat(who.path("card_fingerprint").asString()).isEqualTo(fingerprint);
        assertThat(found.getFirst().toString()).doesNotContain(card);
        String csv = api.get("/v1/admin/aml/reports.csv?type=large_value&date=" + day, "Authorization", admin()).body();
        assertThat(csv.lines().findFirst().orElseThrow()).contains("customer_kind,customer_name,customer_id_number");
        assertThat(csv).contains("**** **** **** " + card.substring(card.length() - 4)).doesNotContain(card);
    }

    // ---- suspicious patterns ----

    @Test
    void fanOutToTenConsumersIsAlertedAndToNineIsNot() {
        Consumer ten = funded(1_000_000L);
        Consumer nine = funded(1_000_000L);
        for (int i = 0; i < 10; i++) {
            Consumer to = consumer();
            send(ten, to, 1_234L);
            if (i < 9) {
                send(nine, to, 1_234L);
            }
        }
        assertThat(rulesOf("suspicious", ten.id())).contains("fan_out");
        assertThat(rulesOf("suspicious", nine.id())).doesNotContain("fan_out");
        JsonNode alert = reportsOf("suspicious", ten.id()).stream().filter(r -> r.path("rule").asString().equals("fan_out")).findFirst().orElseThrow();
        assertThat(alert.path("transactions")).hasSize(10);
    }

    @Test
    void fundsReceivedAndSentOnWithinHoursAreAlerted() {
        Consumer payer = funded(20_000_000L);
        Consumer mule = funded(0);
        Consumer end = funded(0);
        Consumer keeper = funded(0);
        send(payer, mule, 6_000_000L);
        send(payer, keeper, 6_000_000L);
        clock.advance(Duration.ofHours(2));
        send(mule, end, 5_500_000L);
        send(keeper, end, 1_000_000L);
        assertThat(rulesOf("suspicious", mule.id())).contains("rapid_in_out");
        assertThat(rulesOf("suspicious", keeper.id())).doesNotContain("rapid_in_out");
        JsonNode alert = reportsOf("suspicious", mule.id()).stream().filter(r -> r.path("rule").asString().equals("rapid_in_out"))
                .findFirst().orElseThrow();
        assertThat(alert.path("transactions")).hasSize(2);
        assertThat(alert.path("transactions").get(0).path("direction").asString()).isEqualTo("credit");
        assertThat(alert.path("transactions").get(1).path("direction").asString()).isEqualTo("debit");
    }

    @Test
    void roundAmountsAreAlertedAndOrdinaryOnesAreNot() {
        Consumer round = funded(10_000_000L);
        Consumer plain = funded(10_000_000L);
        Consumer to = funded(0);
        for (long amount : new long[] {1_000_000L, 2_000_000L, 1_000_000L}) {
            send(round, to, amount);
            send(plain, to, amount + 1_234L);
        }
        assertThat(rulesOf("suspicious", round.id())).contains("round_amounts");
        assertThat(rulesOf("suspicious", plain.id())).doesNotContain("round_amounts");
    }

    @Test
    void walletPaymentsByPaymentCodeNameTheirMerchant() {
        Consumer c = funded(5_000_000L);
        OnboardedMerchant merchant = onboardMerchant("Lotus Tea Room", "");
        for (int i = 0; i < 3; i++) {
            Api.Response code = api.postJson("/v1/wallet/payment_codes", "", "Authorization", c.bearer());
            assertThat(code.status()).as(code.body()).isEqualTo(201);
            Api.Response charged = api.postJson("/v1/payments", "{\"amount\":1000000,\"currency\":\"CNY\",\"payment_method\":{\"type\":"
                    + "\"payment_code\",\"payment_code\":{\"code\":\"" + code.json().path("code").asString() + "\"}}}",
                    "Authorization", merchant.bearer());
            assertThat(charged.status()).as(charged.body()).isEqualTo(201);
        }
        JsonNode alert = reportsOf("suspicious", c.id()).stream().filter(r -> r.path("rule").asString().equals("round_amounts"))
                .findFirst().orElseThrow();
        assertThat(alert.path("merchants")).hasSize(1);
        assertThat(alert.path("merchants").get(0).asString()).isEqualTo(merchant.id());
        assertThat(alert.path("transactions")).hasSize(3);
        for (JsonNode t : alert.path("transactions")) {
            assertThat(t.path("kind").asString()).isEqualTo("payment_code_payment");
            assertThat(t.path("merchant").asString()).isEqualTo(merchant.id());
            assertThat(t.path("reference").asString()).startsWith("pay_");
        }
    }

    @Test
    void aTopUpSentOnWithinHoursIsRapidInAndOut() {
        Consumer c = funded(0);
        Consumer to = funded(0);
        Api.Response topUp = api.postJson("/v1/wallet/topups", "{\"amount\":6000000,\"currency\":\"CNY\",\"card\":{\"number\":\""
                + newCard() + "\",\"exp_month\":12,\"exp_year\":2034,\"cvc\":\"123\"}}", "Authorization", c.bearer());
        assertThat(topUp.status()).as(topUp.body()).isEqualTo(201);
        assertThat(topUp.json().path("status").asString()).isEqualTo("succeeded");
        clock.advance(Duration.ofHours(1));
        send(c, to, 5_500_000L);
        JsonNode alert = reportsOf("suspicious", c.id()).stream().filter(r -> r.path("rule").asString().equals("rapid_in_out"))
                .findFirst().orElseThrow();
        assertThat(alert.path("transactions")).hasSize(2);
        assertThat(alert.path("transactions").get(0).path("kind").asString()).isEqualTo("wallet_topup");
        assertThat(alert.path("transactions").get(0).path("reference").asString()).isEqualTo(topUp.json().path("id").asString());
        assertThat(alert.path("transactions").get(1).path("kind").asString()).isEqualTo("wallet_transfer");
    }

    @Test
    void amountsJustUnderAThresholdAreStructuring() {
        String structured = "struct-" + UUID.randomUUID();
        String spread = "struct-" + UUID.randomUUID();
        Instant now = clock.instant();
        for (int i = 0; i < 3; i++) {
            record(structured, "individual", "debit", 4_800_000L, "CNY", false, true, now.minus(Duration.ofHours(20 - i)));
            record(spread, "individual", "debit", i == 1 ? 3_000_000L : 4_800_000L, "CNY", false, true, now.minus(Duration.ofHours(20 - i)));
        }
        assertThat(rulesOf("suspicious", structured)).contains("structuring");
        assertThat(rulesOf("suspicious", spread)).doesNotContain("structuring");
    }

    @Test
    void aDormantAccountSuddenlyActiveIsAlerted() {
        String dormant = "dormant-" + UUID.randomUUID();
        String active = "dormant-" + UUID.randomUUID();
        Instant now = clock.instant();
        record(dormant, "individual", "debit", 10_000L, "CNY", false, false, now.minus(Duration.ofDays(200)));
        record(dormant, "individual", "debit", 2_000_000L, "CNY", false, false, now);
        record(active, "individual", "debit", 10_000L, "CNY", false, false, now.minus(Duration.ofDays(30)));
        record(active, "individual", "debit", 2_000_000L, "CNY", false, false, now);
        assertThat(rulesOf("suspicious", dormant)).contains("dormant_reactivated");
        assertThat(rulesOf("suspicious", active)).doesNotContain("dormant_reactivated");
    }

    @Test
    void recordingTheSameSourceTwiceRecordsItOnce() {
        String customer = "once-" + UUID.randomUUID();
        NewAmlTransaction m = new NewAmlTransaction("test:once:" + customer, "cash_deposit", customer, "individual", "credit", null, null, null,
                3_000_000L, "CNY", false, true, clock.instant());
        AmlTransaction first = monitoring.record(m);
        AmlTransaction again = monitoring.record(m);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(jdbc.sql("select count(*) from aml_pending p join aml_transaction t on t.id = p.id where t.customer = ?")
                .param(customer).query(Long.class).single()).as("pending evaluation once").isEqualTo(1);
        assertThat(rulesOf("large_value", customer)).isEmpty();
        assertThat(jdbc.sql("select count(*) from aml_pending p join aml_transaction t on t.id = p.id where t.customer = ?")
                .param(customer).query(Long.class).single()).as("evaluated").isZero();
    }

    // ---- exports ----

    @Test
    void theCsvExportHasOneLinePerReportAndTransaction() {
        Consumer from = funded(100_000_000L);
        Consumer to = funded(0);
        send(from, to, 30_000_000L);
        send(from, to, 20_000_000L);
        Api.Response csv = api.get("/v1/admin/aml/reports.csv?type=large_value&customer=" + from.id(), "Authorization", admin());
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        assertThat(header).containsExactly("report_id", "report_type", "rule", "business_day", "customer", "customer_type",
                "customer_kind", "customer_name", "customer_id_number", "customer_phone", "card_brand", "card_number", "card_fingerprint",
                "bank_code", "account_number", "merchants",
                "report_amount_cny", "transaction_id", "kind", "direction", "counterparty", "merchant", "reference", "amount", "currency",
                "cross_border", "cash", "occurred_at");
        assertThat(lines).hasSize(3);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertThat(cells).hasSize(header.size());
            assertThat(cells[header.indexOf("report_type")]).isEqualTo("large_value");
            assertThat(cells[header.indexOf("customer")]).isEqualTo(from.id());
            assertThat(cells[header.indexOf("kind")]).isEqualTo("wallet_transfer");
            assertThat(cells[header.indexOf("counterparty")]).startsWith("'+86");
        }
        assertThat(api.get("/v1/admin/aml/reports.csv?type=nonsense", "Authorization", admin()).status()).isEqualTo(400);
    }

    @Test
    void theXmlExportIsWellFormedAndNamesCustomerMerchantAndTransactions() throws Exception {
        OnboardedMerchant merchant = onboardMerchant("Silk Road Traders", "");
        String org = merchant.id();
        monitoring.record(new NewAmlTransaction("test:" + UUID.randomUUID(), "refund", org, "organisation", "debit", "payment:pay_x", org,
                "re_x", 250_000_000L, "CNY", false, false, clock.instant()));
        Api.Response xml = api.get("/v1/admin/aml/reports.xml?type=large_value&customer=" + org, "Authorization", admin());
        assertThat(xml.status()).as(xml.body()).isEqualTo(200);
        assertThat(xml.header("Content-Type")).startsWith("application/xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.body().getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("aml_reports");
        NodeList reports = root.getElementsByTagName("report");
        assertThat(reports.getLength()).isEqualTo(1);
        Element report = (Element) reports.item(0);
        assertThat(report.getAttribute("rule")).isEqualTo("organisation_transfer");
        Element customer = (Element) report.getElementsByTagName("customer").item(0);
        assertThat(customer.getAttribute("id")).isEqualTo(org);
        assertThat(customer.getAttribute("type")).isEqualTo("organisation");
        Element merchants = (Element) report.getElementsByTagName("merchants").item(0);
        assertThat(((Element) merchants.getElementsByTagName("merchant").item(0)).getAttribute("id")).isEqualTo(org);
        NodeList transactions = ((Element) report.getElementsByTagName("transactions").item(0)).getElementsByTagName("transaction");
        assertThat(transactions.getLength()).isEqualTo(1);
        Element t = (Element) transactions.item(0);
        assertThat(t.getAttribute("kind")).isEqualTo("refund");
        assertThat(t.getElementsByTagName("amount").item(0).getTextContent()).isEqualTo("250000000");
    }

    // ---- roles ----

    @Test
    void auditorsFinanceAndRiskAnalystsReadReportsAndSupportDoesNot() {
        TestOperators operators = new TestOperators(api, clock);
        for (String role : List.of("auditor", "finance", "risk_analyst")) {
            TestOperators.LoggedIn op = operators.createAndLogIn(role);
            assertThat(api.get("/v1/admin/aml/reports?type=suspicious", "Authorization", op.bearer()).status()).as(role).isEqualTo(200);
            assertThat(api.get("/v1/admin/aml/reports.xml", "Authorization", op.bearer()).status()).as(role).isEqualTo(200);
        }
        TestOperators.LoggedIn support = operators.createAndLogIn("support");
        Api.Response refused = api.get("/v1/admin/aml/reports", "Authorization", support.bearer());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error("code")).isEqualTo("permission_denied");
        assertThat(api.get("/v1/admin/aml/reports.csv", "Authorization", support.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/admin/aml/reports").status()).isEqualTo(401);
        assertThat(api.get("/v1/admin/aml/reports?type=other", "Authorization", admin()).status()).isEqualTo(400);
    }
}
