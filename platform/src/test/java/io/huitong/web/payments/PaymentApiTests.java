package io.huitong.web.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** docs/api.md "Payments", "Refunds" and "Balance" through the HTTP API. */
abstract class PaymentApiTests extends ApiTestSupport {

    static final String VISA = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final String NO_FUNDS = "4000000000009995";
    static final String STEP_UP = "4000000000003220";
    static final String CHANNEL_ERROR = "4000000000000119";
    static final String LOST_BUT_APPROVED = "4000000000000259";
    static final String LOST = "4000000000000267";

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    OnboardedMerchant merchant;

    @BeforeEach
    void merchant() {
        merchant = onboardMerchant("Tea House", "");
    }

    static String card(String number) {
        return "{\"type\":\"card\",\"card\":{\"number\":\"" + number + "\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}";
    }

    static String payment(long amount, String number, String extra) {
        return "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"payment_method\":" + card(number) + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    Api.Response pay(String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", merchant.bearer()));
        all.addAll(List.of(headers));
        return api.postJson("/v1/payments", body, all.toArray(String[]::new));
    }

    Api.Response post(String path, String body) {
        return api.postJson(path, body, "Authorization", merchant.bearer());
    }

    Api.Response get(String path) {
        return api.get(path, "Authorization", merchant.bearer());
    }

    JsonNode balance() {
        return get("/v1/balance").json();
    }

    long pending() {
        JsonNode pending = balance().path("pending");
        return pending.isEmpty() ? 0 : pending.get(0).path("amount").asLong();
    }

    void assertLedgerBalanced() {
        Api.Response check = api.get("/v1/admin/ledger/check", "Authorization", admin());
        assertThat(check.json().path("balanced").asBoolean()).as(check.body()).isTrue();
    }

    JsonNode awaitStatus(String id, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode p = get("/v1/payments/" + id).json();
        while (!p.path("status").asString().equals(status) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            p = get("/v1/payments/" + id).json();
        }
        return p;
    }

    @Test
    void anApprovedCardSucceedsAndTheMerchantsPendingBalanceGrowsNetOfTheFee() {
        Api.Response created = pay("{\"amount\":1000,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + ","
                + "\"description\":\"order 42\",\"metadata\":{\"order_id\":\"42\"}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode p = created.json();
        assertThat(p.path("id").asString()).startsWith("pay_");
        assertThat(p.path("object").asString()).isEqualTo("payment");
        assertThat(p.path("status").asString()).isEqualTo("succeeded");
        assertThat(p.path("amount_received").asLong()).isEqualTo(1000);
        assertThat(p.path("amount_capturable").asLong()).isZero();
        assertThat(p.path("capture_method").asString()).isEqualTo("automatic");
        assertThat(p.path("payment_method").path("card").path("brand").asString()).isEqualTo("visa");
        assertThat(p.path("payment_method").path("card").path("last4").asString()).isEqualTo("4242");
        assertThat(p.path("channel").asString()).isEqualTo("acq_a");
        assertThat(p.path("next_action").isNull()).isTrue();
        assertThat(p.path("metadata").path("order_id").asString()).isEqualTo("42");
        assertThat(p.path("description").asString()).isEqualTo("order 42");
        assertThat(created.body()).doesNotContain(VISA).doesNotContain("\"cvc\"");

        assertThat(get("/v1/payments/" + p.path("id").asString()).json().path("status").asString()).isEqualTo("succeeded");
        assertThat(pending()).as("1000 less the default 3%% fee").isEqualTo(970);
        assertThat(balance().path("available").get(0).path("amount").asLong()).isZero();

        JsonNode lines = get("/v1/balance_transactions").json().path("data");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("type").asString()).isEqualTo("payment_fee");
        assertThat(lines.get(0).path("amount").asLong()).isEqualTo(-30);
        assertThat(lines.get(1).path("type").asString()).isEqualTo("payment");
        assertThat(lines.get(1).path("amount").asLong()).isEqualTo(1000);
        assertThat(lines.get(1).path("source").asString()).isEqualTo(p.path("id").asString());
        JsonNode older = get("/v1/balance_transactions?limit=1&starting_after=" + lines.get(0).path("id").asString()).json();
        assertThat(older.path("data").get(0).path("id").asString()).isEqualTo(lines.get(1).path("id").asString());
        assertThat(get("/v1/balance_transactions?starting_after=pay_1").error("param")).isEqualTo("starting_after");

        Api.Response events = get("/v1/events?type=payment.succeeded");
        JsonNode event = events.json().path("data").get(0);
        assertThat(event.path("type").asString()).isEqualTo("payment.succeeded");
        assertThat(event.path("data").path("object").path("id").asString()).isEqualTo(p.path("id").asString());
        assertThat(event.path("data").path("object").path("amount_received").asLong()).isEqualTo(1000);
        assertThat(events.body()).doesNotContain(VISA);
        assertLedgerBalanced();
    }

    @Test
    void theCardNumberIsStoredSealedNeverInClear() {
        String id = pay(payment(500, "5555555555554444", "")).json().path("id").asString();

        String sealed = jdbc.sql("select card_sealed from payment where id = ?").param(id).query(String.class).single();
        assertThat(sealed).startsWith("v2.dk_").doesNotContain("5555555555554444").doesNotContain("55555555");
        assertThat(get("/v1/payments/" + id).json().path("payment_method").path("card").path("brand").asString()).isEqualTo("mastercard");
    }

    @Test
    void declinedCardsAreFailedPaymentsAnswered402WithTheirId() {
        for (String[] c : new String[][] {{DECLINED, "card_declined"}, {NO_FUNDS, "insufficient_funds"},
                {"4242424242424241", "invalid_number"}}) {
            Api.Response declined = pay(payment(1000, c[0], ""));

            assertThat(declined.status()).as(declined.body()).isEqualTo(402);
            assertThat(declined.error("type")).isEqualTo("card_error");
            assertThat(declined.error("code")).isEqualTo(c[1]);
            String id = declined.json().path("error").path("payment").asString();
            assertThat(id).startsWith("pay_");
            JsonNode failed = get("/v1/payments/" + id).json();
            assertThat(failed.path("status").asString()).isEqualTo("failed");
            assertThat(failed.path("failure_code").asString()).isEqualTo(c[1]);
            assertThat(declined.body()).doesNotContain(c[0]);
        }
        JsonNode luhn = get("/v1/payments?status=failed&limit=1").json().path("data").get(0);
        assertThat(luhn.path("channel").isNull()).as("no channel is called for a number failing Luhn").isTrue();
        assertThat(pending()).isZero();
        assertLedgerBalanced();
    }

    @Test
    void expiredCardsAndWrongCvcsAreDeclinedBeforeAnyChannel() {
        Api.Response expired = pay("{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":"
                + "{\"number\":\"" + VISA + "\",\"exp_month\":1,\"exp_year\":2020,\"cvc\":\"123\"}}}");
        assertThat(expired.status()).isEqualTo(402);
        assertThat(expired.error("code")).isEqualTo("expired_card");

        Api.Response cvc = pay("{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":"
                + "{\"number\":\"" + VISA + "\",\"exp_month\":1,\"exp_year\":2040,\"cvc\":\"12\"}}}");
        assertThat(cvc.status()).isEqualTo(402);
        assertThat(cvc.error("code")).isEqualTo("incorrect_cvc");
    }

    @Test
    void manualCaptureHoldsThenCapturesPartOfItAndReleasesTheRest() {
        JsonNode authorized = pay(payment(1000, VISA, "\"capture_method\":\"manual\"")).json();
        String id = authorized.path("id").asString();
        assertThat(authorized.path("status").asString()).isEqualTo("requires_capture");
        assertThat(authorized.path("amount_capturable").asLong()).isEqualTo(1000);
        assertThat(pending()).as("a hold is not yet money").isZero();

        assertThat(post("/v1/payments/" + id + "/capture", "{\"amount\":1001}").error("code")).isEqualTo("amount_too_large");
        Api.Response captured = post("/v1/payments/" + id + "/capture", "{\"amount\":600}");

        assertThat(captured.status()).as(captured.body()).isEqualTo(200);
        assertThat(captured.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(captured.json().path("amount_received").asLong()).isEqualTo(600);
        assertThat(captured.json().path("amount_capturable").asLong()).isZero();
        assertThat(pending()).isEqualTo(600 - 18);
        Api.Response again = post("/v1/payments/" + id + "/capture", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error("code")).isEqualTo("payment_unexpected_state");
        assertThat(post("/v1/payments/" + id + "/cancel", "").status()).as("a succeeded payment cannot be canceled").isEqualTo(409);
        assertLedgerBalanced();
    }

    @Test
    void cancelReleasesAnAuthorization() {
        String id = pay(payment(800, VISA, "\"capture_method\":\"manual\"")).json().path("id").asString();

        Api.Response canceled = post("/v1/payments/" + id + "/cancel", "");

        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().path("status").asString()).isEqualTo("canceled");
        assertThat(canceled.json().path("amount_capturable").asLong()).isZero();
        assertThat(post("/v1/payments/" + id + "/capture", "").status()).isEqualTo(409);
        Api.Response account = api.get("/v1/admin/ledger/accounts/" + merchant.id() + ":pending:CNY", "Authorization", admin());
        assertThat(account.body()).as("the hold is released").contains("\"debits_pending\":0").contains("\"credits_pending\":0");
        assertLedgerBalanced();
    }

    @Test
    void aPaymentCreatedUnconfirmedWaitsForConfirm() {
        JsonNode waiting = pay(payment(300, VISA, "\"confirm\":false")).json();
        assertThat(waiting.path("status").asString()).isEqualTo("requires_confirmation");
        assertThat(pending()).isZero();

        Api.Response confirmed = post("/v1/payments/" + waiting.path("id").asString() + "/confirm", "{}");

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(post("/v1/payments/" + waiting.path("id").asString() + "/confirm", "{}").status()).isEqualTo(409);
        assertThat(pending()).isEqualTo(300 - 9);
    }

    @Test
    void stepUpAuthenticationOnTheHostedPageCompletesOrFailsThePayment() {
        for (String outcome : List.of("complete", "fail")) {
            JsonNode p = pay(payment(2000, STEP_UP, "")).json();
            assertThat(p.path("status").asString()).isEqualTo("requires_action");
            assertThat(p.path("next_action").path("type").asString()).isEqualTo("authenticate");
            String url = p.path("next_action").path("url").asString();
            String path = url.substring(url.indexOf("/pay/authenticate/"));

            Api.Response page = api.get(path, "Accept", "text/html");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("Complete").contains("Fail").contains("3220").doesNotContain(STEP_UP);
            assertThat(api.get(path.replaceAll("token=.*", "token=wrong"), "Accept", "text/html").status()).isEqualTo(404);

            String[] parts = path.split("\\?");
            Api.Response answered = api.send(api.request(parts[0] + "/" + outcome + "?" + parts[1])
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(answered.status()).isEqualTo(200);

            JsonNode after = get("/v1/payments/" + p.path("id").asString()).json();
            if (outcome.equals("complete")) {
                assertThat(after.path("status").asString()).isEqualTo("succeeded");
                assertThat(after.path("next_action").isNull()).isTrue();
            } else {
                assertThat(after.path("status").asString()).isEqualTo("failed");
                assertThat(after.path("failure_code").asString()).isEqualTo("authentication_failed");
            }
        }
        assertThat(pending()).isEqualTo(2000 - 60);
    }

    @Test
    void aChannelErrorFailsOverToTheNextChannel() {
        JsonNode p = pay(payment(100, CHANNEL_ERROR, "")).json();

        assertThat(p.path("status").asString()).isEqualTo("succeeded");
        assertThat(p.path("channel").asString()).isEqualTo("acq_b");
    }

    @Test
    void anUnansweredAuthorizationStaysProcessingUntilTheResolverFindsOut() {
        JsonNode approvedButLost = pay(payment(700, LOST_BUT_APPROVED, "")).json();
        JsonNode neverArrived = pay(payment(400, LOST, "")).json();
        assertThat(approvedButLost.path("status").asString()).isEqualTo("processing");
        assertThat(neverArrived.path("status").asString()).isEqualTo("processing");
        assertThat(pending()).isZero();

        clock.advance(Duration.ofSeconds(20));

        assertThat(awaitStatus(approvedButLost.path("id").asString(), "succeeded").path("status").asString()).isEqualTo("succeeded");
        JsonNode failed = awaitStatus(neverArrived.path("id").asString(), "failed");
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("failure_code").asString()).isEqualTo("processing_error");
        assertThat(pending()).isEqualTo(700 - 21);
        assertLedgerBalanced();
    }

    @Test
    void refundsInPartAndInFullNeverBeyondWhatWasReceived() {
        String id = pay(payment(1000, VISA, "")).json().path("id").asString();

        Api.Response first = post("/v1/refunds", "{\"payment\":\"" + id + "\",\"amount\":300,\"reason\":\"requested_by_customer\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("id").asString()).startsWith("re_");
        assertThat(first.json().path("object").asString()).isEqualTo("refund");
        assertThat(first.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(first.json().path("currency").asString()).isEqualTo("CNY");
        assertThat(first.json().path("payment").asString()).isEqualTo(id);

        Api.Response tooMuch = post("/v1/refunds", "{\"payment\":\"" + id + "\",\"amount\":701}");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.error("code")).isEqualTo("amount_too_large");

        Api.Response rest = post("/v1/refunds", "{\"payment\":\"" + id + "\"}");
        assertThat(rest.json().path("amount").asLong()).isEqualTo(700);
        assertThat(get("/v1/payments/" + id).json().path("amount_refunded").asLong()).isEqualTo(1000);
        assertThat(post("/v1/refunds", "{\"payment\":\"" + id + "\",\"amount\":1}").status()).isEqualTo(400);
        assertThat(get("/v1/refunds?payment=" + id).json().path("data")).hasSize(2);
        assertThat(get("/v1/refunds/" + first.json().path("id").asString()).json().path("amount").asLong()).isEqualTo(300);
        assertThat(pending()).as("refunds come out of the pending balance; the fee stays").isEqualTo(970 - 1000);

        assertThat(get("/v1/events?type=refund.succeeded").json().path("data")).hasSize(2);
        String failed = pay(payment(1000, DECLINED, "")).json().path("error").path("payment").asString();
        assertThat(get("/v1/events?type=payment.failed").json().path("data").get(0).path("data").path("object").path("id").asString())
                .isEqualTo(failed);
        Api.Response notSucceeded = post("/v1/refunds", "{\"payment\":\"" + failed + "\"}");
        assertThat(notSucceeded.status()).isEqualTo(409);
        assertThat(notSucceeded.error("code")).isEqualTo("payment_unexpected_state");
        assertThat(post("/v1/refunds", "{\"payment\":\"pay_nope\"}").status()).isEqualTo(404);
        assertLedgerBalanced();
    }

    @Test
    void listsFilterByStatusAndCreationTimeAndPageByCursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(pay(payment(100 + i, VISA, "")).json().path("id").asString());
        }
        pay(payment(100, VISA, "\"confirm\":false"));

        JsonNode firstPage = get("/v1/payments?status=succeeded&limit=2").json();
        assertThat(firstPage.path("object").asString()).isEqualTo("list");
        assertThat(firstPage.path("has_more").asBoolean()).isTrue();
        assertThat(firstPage.path("data").get(0).path("id").asString()).isEqualTo(ids.get(2));
        JsonNode second = get("/v1/payments?status=succeeded&limit=2&starting_after=" + ids.get(1)).json();
        assertThat(second.path("data")).hasSize(1);
        assertThat(second.path("data").get(0).path("id").asString()).isEqualTo(ids.get(0));
        assertThat(get("/v1/payments?status=requires_confirmation").json().path("data")).hasSize(1);
        assertThat(get("/v1/payments?created_gte=2999-01-01T00:00:00Z").json().path("data")).isEmpty();
        assertThat(get("/v1/payments?created_lte=2999-01-01T00:00:00Z&limit=100").json().path("data")).hasSize(4);

        assertThat(get("/v1/payments?status=paid").error("param")).isEqualTo("status");
        assertThat(get("/v1/payments?created_gte=yesterday").error("param")).isEqualTo("created_gte");
    }

    @Test
    void malformedRequestsGet400AndCreateNothing() {
        String[][] cases = {
                {"{\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + "}", "parameter_missing", "amount"},
                {"{\"amount\":-5,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + "}", "parameter_invalid", "amount"},
                {"{\"amount\":10.5,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + "}", "parameter_invalid", "amount"},
                {"{\"amount\":\"100\",\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + "}", "parameter_invalid", "amount"},
                {"{\"amount\":100000000000,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + "}", "amount_too_large", "amount"},
                {"{\"amount\":100,\"currency\":\"XYZ\",\"payment_method\":" + card(VISA) + "}", "parameter_invalid", "currency"},
                {"{\"amount\":100,\"payment_method\":" + card(VISA) + "}", "parameter_missing", "currency"},
                {"{\"amount\":100,\"currency\":\"CNY\"}", "parameter_missing", "payment_method"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"cheque\"}}", "parameter_invalid", "payment_method.type"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\"}}", "parameter_missing", "payment_method.card"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"exp_month\":1,\"exp_year\":2040,"
                        + "\"cvc\":\"123\"}}}", "parameter_missing", "payment_method.card.number"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + ",\"capture_method\":\"later\"}",
                        "parameter_invalid", "capture_method"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + ",\"surprise\":1}", "parameter_unknown", "surprise"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + ",\"metadata\":{\"n\":5}}", "parameter_invalid", null},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + ",\"metadata\":{\"" + "k".repeat(41) + "\":\"v\"}}",
                        "parameter_invalid", "metadata"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + ",\"description\":\"" + "d".repeat(1001) + "\"}",
                        "parameter_invalid", "description"},
                {"{\"amount\":100,", "invalid_json", null},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"bank_transfer\"}}", "parameter_missing",
                        "payment_method.bank_transfer"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"bank_transfer\",\"bank_transfer\":{\"bank_code\":"
                        + "\"ICBKCNBJ\",\"account_number\":\"62-22\",\"account_name\":\"Li Lei\"}}}", "parameter_invalid",
                        "payment_method.bank_transfer.account_number"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"bank_transfer\",\"bank_transfer\":{\"bank_code\":"
                        + "\"ICBKCNBJ\",\"account_number\":\"6222020000001234\"}}}", "parameter_missing",
                        "payment_method.bank_transfer.account_name"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"ecny\",\"ecny\":{\"wallet_id\":\"12345\"}}}",
                        "parameter_invalid", "payment_method.ecny.wallet_id"},
                {"{\"amount\":100,\"currency\":\"USD\",\"payment_method\":{\"type\":\"ecny\",\"ecny\":{\"wallet_id\":\"0000111122223333\"}}}",
                        "parameter_invalid", "currency"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\"},\"capture_method\":\"manual\"}",
                        "parameter_invalid", "capture_method"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"qr\",\"ecny\":{\"wallet_id\":\"0000111122223333\"}}}",
                        "parameter_invalid", "payment_method.ecny"},
                {"{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"wallet\"}}", "parameter_invalid",
                        "payment_method.type"},
                // text no column can hold, escaped and raw, and a field named twice (the last one would have won)
                {payment(100, VISA, "\"description\":\"tea\\u0000\""), "parameter_invalid", null},
                {payment(100, VISA, "\"description\":\"tea\u0000\""), "parameter_invalid", null},
                {payment(100, VISA, "\"metadata\":{\"order\\u0000\":\"1\"}"), "parameter_invalid", null},
                {payment(100, VISA, "\"description\":\"tea \\ud800 cup\""), "parameter_invalid", null},
                {payment(100, VISA, "\"description\":\"tea \\udc00\""), "parameter_invalid", null},
                {"{\"amount\":-5,\"currency\":\"CNY\",\"payment_method\":" + card(VISA) + ",\"amount\":1000}", "invalid_json", null},
        };
        for (String[] c : cases) {
            Api.Response r = pay(c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error("type")).isEqualTo("invalid_request_error");
            assertThat(r.error("code")).as(c[0]).isEqualTo(c[1]);
            if (c[2] != null) {
                assertThat(r.error("param")).as(c[0]).isEqualTo(c[2]);
            }
            assertThat(r.body()).doesNotContain(VISA);
        }
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertThat(pay(payment(100, VISA, "\"metadata\":" + many + "}")).error("param")).isEqualTo("metadata");
        assertThat(post("/v1/refunds", "{\"amount\":100}").error("param")).isEqualTo("payment");
        assertThat(post("/v1/refunds", "{\"payment\":\"pay_x\",\"amount\":0}").error("param")).isEqualTo("amount");
        assertThat(post("/v1/refunds", "{\"payment\":\"pay_x\",\"reason\":\"bored\"}").error("param")).isEqualTo("reason");

        assertThat(get("/v1/payments?status=%00").error("code")).isEqualTo("parameter_invalid");
        assertThat(get("/v1/refunds?payment=pay_%00").error("code")).isEqualTo("parameter_invalid");
        assertThat(get("/v1/payments").json().path("data")).as("nothing was created").isEmpty();
        assertThat(pending()).isZero();
        assertThat(api.postJson("/notify/no_such_channel", "{}").status()).as("a notification for no channel").isEqualTo(404);
    }

    @Test
    void aMerchantSeesOnlyItsOwnPaymentsAndOperatorsAreNotMerchants() {
        String mine = pay(payment(100, VISA, "")).json().path("id").asString();
        OnboardedMerchant other = onboardMerchant("Other Shop", "");

        assertThat(api.get("/v1/payments/" + mine, "Authorization", other.bearer()).status()).isEqualTo(404);
        assertThat(api.postJson("/v1/payments/" + mine + "/cancel", "", "Authorization", other.bearer()).status()).isEqualTo(404);
        assertThat(api.postJson("/v1/refunds", "{\"payment\":\"" + mine + "\"}", "Authorization", other.bearer()).status()).isEqualTo(404);
        assertThat(api.get("/v1/payments", "Authorization", other.bearer()).json().path("data")).isEmpty();
        assertThat(api.get("/v1/payments", "Authorization", admin()).status()).isEqualTo(403);
        assertThat(api.get("/v1/payments").status()).isEqualTo(401);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void noFullCardNumberReachesTheLogOrAnyAnswer(CapturedOutput output) {
        List<String> bodies = new ArrayList<>();
        for (String number : List.of(VISA, DECLINED, STEP_UP, LOST, CHANNEL_ERROR, "4242424242424241")) {
            bodies.add(pay(payment(100, number, "")).body());
        }
        bodies.add(pay("{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":"
                + VISA + ",\"exp_month\":1,\"exp_year\":2040,\"cvc\":\"123\"}}}").body());
        bodies.add(pay("{\"amount\":100,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\""
                + VISA + "\",\"exp_month\":\"x\",\"exp_year\":2040,\"cvc\":\"123\"}}}").body());
        bodies.add(get("/v1/payments?limit=100").body());

        for (String number : List.of(VISA, DECLINED, STEP_UP, LOST, CHANNEL_ERROR, "4242424242424241")) {
            assertThat(output.getAll()).doesNotContain(number);
            assertThat(bodies).noneMatch(b -> b.contains(number));
        }
    }

    @Test
    void aWebhookEndpointReceivesThePaymentsAndRefundsEventsSigned() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Api.Response endpoint = post("/v1/webhook_endpoints", "{\"url\":\"" + receiver.url()
                    + "\",\"enabled_events\":[\"payment.succeeded\",\"refund.succeeded\"]}");
            assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
            String secret = endpoint.json().path("secret").asString();

            String id = pay(payment(1000, VISA, "")).json().path("id").asString();
            pay(payment(1000, DECLINED, ""));
            post("/v1/refunds", "{\"payment\":\"" + id + "\",\"amount\":100}");

            List<WebhookReceiver.Received> received = receiver.await(2, Duration.ofSeconds(15));
            assertThat(received).hasSize(2);
            List<String> types = new ArrayList<>();
            for (WebhookReceiver.Received r : received) {
                assertThat(WebhookReceiver.verifiedTimestamp(r.header("Huitong-Signature"), secret, r.body())).isPositive();
                assertThat(r.body()).doesNotContain(VISA).doesNotContain(DECLINED);
                types.add(tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body()).path("type").asString());
            }
            assertThat(types).containsExactlyInAnyOrder("payment.succeeded", "refund.succeeded");
        }
    }

    @Test
    void theApiDescriptionHasThePaymentEndpoints() {
        JsonNode paths = api.get("/v3/api-docs").json().path("paths");
        assertThat(paths.propertyNames()).contains("/v1/payments", "/v1/payments/{id}", "/v1/payments/{id}/confirm",
                "/v1/payments/{id}/capture", "/v1/payments/{id}/cancel", "/v1/refunds", "/v1/refunds/{id}", "/v1/balance",
                "/v1/balance_transactions");
        assertThat(paths.propertyNames()).noneMatch(p -> p.startsWith("/pay/"));
    }

    @Test
    void theSameIdempotencyKeyReplaysThePaymentInsteadOfChargingTwice() {
        Api.Response first = pay(payment(100, VISA, ""), "Idempotency-Key", "order-7");
        Api.Response again = pay(payment(100, VISA, ""), "Idempotency-Key", "order-7");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(get("/v1/payments").json().path("data")).hasSize(1);
        assertThat(pending()).isEqualTo(97);
    }

    @Test
    void aDeclinedPaymentRepeatedUnderItsKeyGetsTheSameRefusalAndADifferentRequestIs422() {
        Api.Response first = pay(payment(100, DECLINED, ""), "Idempotency-Key", "declined-1");
        Api.Response again = pay(payment(100, DECLINED, ""), "Idempotency-Key", "declined-1");
        Api.Response other = pay(payment(200, DECLINED, ""), "Idempotency-Key", "declined-1");

        assertThat(first.status()).isEqualTo(402);
        assertThat(again.status()).isEqualTo(402);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(other.status()).as(other.body()).isEqualTo(422);
        assertThat(other.error("code")).isEqualTo("idempotency_key_reused");
        assertThat(get("/v1/payments").json().path("data")).hasSize(1);
    }

    @Test
    void aRepeatWhileTheFirstRequestStillWaitsForItsAcquirerIsRefusedAsInUse() throws Exception {
        java.util.concurrent.CompletableFuture<Api.Response> first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> pay(payment(400, LOST, ""), "Idempotency-Key", "slow-1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (jdbc.sql("select count(*) from payment where merchant_id = ? and idempotency_key = 'slow-1'").param(merchant.id())
                .query(Integer.class).single() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Api.Response meanwhile = pay(payment(400, LOST, ""), "Idempotency-Key", "slow-1");
        Api.Response answered = first.get(10, java.util.concurrent.TimeUnit.SECONDS);
        Api.Response after = pay(payment(400, LOST, ""), "Idempotency-Key", "slow-1");

        assertThat(meanwhile.status()).as(meanwhile.body()).isEqualTo(409);
        assertThat(meanwhile.error("code")).isEqualTo("idempotency_key_in_use");
        assertThat(answered.status()).isEqualTo(201);
        assertThat(answered.json().path("status").asString()).isEqualTo("processing");
        assertThat(after.status()).isEqualTo(201);
        assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(after.body()).isEqualTo(answered.body());
    }
}
