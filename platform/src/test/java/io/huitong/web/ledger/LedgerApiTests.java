package io.huitong.web.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger's operator API over HTTP: what a curl user sees. */
abstract class LedgerApiTests extends ApiTestSupport {

    private static final String ACCOUNTS = "/v1/admin/ledger/accounts";
    private static final String TRANSFERS = "/v1/admin/ledger/transfers";

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private Api.Response post(String path, String body, String... extra) {
        String[] headers = new String[extra.length + 2];
        headers[0] = "Authorization";
        headers[1] = admin();
        System.arraycopy(extra, 0, headers, 2, extra.length);
        return api.postJson(path, body, headers);
    }

    private String openAccount(String type, boolean noNegative) {
        String id = unique(type);
        Api.Response r = post(ACCOUNTS, "{\"id\":\"" + id + "\",\"currency\":\"CNY\",\"type\":\"" + type + "\""
                + (noNegative ? ",\"flags\":[\"debits_must_not_exceed_credits\"]" : "") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return id;
    }

    private String transfer(String id, String debit, String credit, long amount) {
        return "{\"id\":\"" + id + "\",\"debit_account_id\":\"" + debit + "\",\"credit_account_id\":\"" + credit
                + "\",\"amount\":" + amount + ",\"currency\":\"CNY\"}";
    }

    private long posted(String account) {
        return api.get(ACCOUNTS + "/" + account, "Authorization", admin()).json().path("balances").path("posted").asLong();
    }

    @Test
    void checkAnswersAsTheContractSays() {
        Api.Response r = api.get("/v1/admin/ledger/check", "Authorization", admin());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("balanced").asBoolean()).isTrue();
        assertThat(r.json().path("currencies").isArray()).isTrue();
        assertThat(r.json().path("unrepresentable_accounts").isArray()).isTrue();
        assertThat(r.json().has("accounts")).isTrue();
        assertThat(r.json().has("entries")).isTrue();
        assertThat(r.header("Request-Id")).startsWith("req_");
    }

    @Test
    void checkNeedsTheOperatorKey() {
        assertThat(api.get("/v1/admin/ledger/check").status()).isEqualTo(401);
        assertThat(api.get("/v1/admin/ledger/check", "Authorization", "Bearer wrong").status()).isEqualTo(401);
    }

    @Test
    void moneyMovesOnceAndTheRetryIsReplayed() {
        String bank = openAccount("asset", false);
        String wallet = openAccount("liability", true);
        String body = transfer(unique("t"), bank, wallet, 100_000);
        String key = unique("key");

        Api.Response first = post(TRANSFERS, body, "Idempotency-Key", key);
        Api.Response again = post(TRANSFERS, body, "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("object").asString()).isEqualTo("ledger_transfer");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(posted(wallet)).isEqualTo(100_000);

        Api.Response sameIdNoKey = post(TRANSFERS, body);
        assertThat(sameIdNoKey.status()).as("same transfer id: exists, 200").isEqualTo(200);
        assertThat(posted(wallet)).isEqualTo(100_000);
    }

    @Test
    void refusalsAreFourHundredsAndChangeNothing() {
        String bank = openAccount("asset", false);
        String wallet = openAccount("liability", true);
        String tid = unique("t");
        assertThat(post(TRANSFERS, transfer(tid, bank, wallet, 500)).status()).isEqualTo(201);

        Api.Response overdraw = post(TRANSFERS, transfer(unique("t"), wallet, bank, 501));
        assertThat(overdraw.status()).isEqualTo(402);
        assertThat(overdraw.error("code")).isEqualTo("insufficient_funds");

        Api.Response differs = post(TRANSFERS, transfer(tid, bank, wallet, 600));
        assertThat(differs.status()).isEqualTo(409);
        assertThat(differs.error("code")).isEqualTo("exists_with_different_amount");

        Api.Response noAccount = post(TRANSFERS, transfer(unique("t"), "nope", wallet, 5));
        assertThat(noAccount.status()).isEqualTo(404);
        assertThat(noAccount.error("param")).isEqualTo("debit_account_id");

        Api.Response badKind = post(TRANSFERS, "{\"id\":\"x1\",\"kind\":\"teleport\"}");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.error("param")).isEqualTo("kind");

        Api.Response floaty = post(TRANSFERS, "{\"id\":\"x2\",\"debit_account_id\":\"" + bank + "\",\"credit_account_id\":\""
                + wallet + "\",\"amount\":1.5,\"currency\":\"CNY\"}");
        assertThat(floaty.status()).isEqualTo(400);

        Api.Response negative = post(TRANSFERS, transfer(unique("t"), bank, wallet, -5));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.error("param")).isEqualTo("amount");

        Api.Response currency = post(ACCOUNTS, "{\"currency\":\"cny\",\"type\":\"asset\"}");
        assertThat(currency.status()).isEqualTo(400);
        assertThat(currency.error("param")).isEqualTo("currency");

        assertThat(posted(wallet)).isEqualTo(500);
        assertThat(api.get("/v1/admin/ledger/check", "Authorization", admin()).json().path("balanced").asBoolean()).isTrue();
    }

    @Test
    void holdsPostInPartAndLinkedBatchesAreAllOrNothing() {
        String bank = openAccount("asset", false);
        String wallet = openAccount("liability", true);
        post(TRANSFERS, transfer(unique("t"), bank, wallet, 1_000));
        String hold = unique("hold");
        Api.Response h = post(TRANSFERS, "{\"id\":\"" + hold + "\",\"kind\":\"pending\",\"debit_account_id\":\"" + wallet
                + "\",\"credit_account_id\":\"" + bank + "\",\"amount\":400,\"currency\":\"CNY\",\"timeout_seconds\":3600}");
        assertThat(h.status()).as(h.body()).isEqualTo(201);
        assertThat(h.json().path("expires_at").isMissingNode()).isFalse();
        Api.Response account = api.get(ACCOUNTS + "/" + wallet, "Authorization", admin());
        assertThat(account.json().path("balances").path("available").asLong()).isEqualTo(600);

        Api.Response p = post(TRANSFERS, "{\"id\":\"" + unique("post") + "\",\"kind\":\"post_pending\",\"pending_id\":\"" + hold + "\",\"amount\":150}");
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        assertThat(posted(wallet)).isEqualTo(850);

        Api.Response batch = post(TRANSFERS + "/batch", "{\"transfers\":["
                + transfer(unique("a"), wallet, bank, 800).replace("}", ",\"linked\":true}") + ","
                + transfer(unique("b"), wallet, bank, 100) + "]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().path("results").get(0).path("result").asString()).isEqualTo("linked_event_failed");
        assertThat(batch.json().path("results").get(1).path("result").asString()).isEqualTo("exceeds_credits");
        assertThat(posted(wallet)).isEqualTo(850);
    }

    @Test
    void entriesAndAccountsAreListsWithCursors() {
        String bank = openAccount("asset", false);
        String wallet = openAccount("liability", true);
        for (int i = 0; i < 3; i++) {
            post(TRANSFERS, transfer(unique("t"), bank, wallet, 10 + i));
        }
        Api.Response page = api.get(ACCOUNTS + "/" + wallet + "/entries?limit=2", "Authorization", admin());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("object").asString()).isEqualTo("list");
        assertThat(page.json().path("data")).hasSize(2);
        assertThat(page.json().path("has_more").asBoolean()).isTrue();
        assertThat(page.json().path("data").get(0).path("amount").asLong()).isEqualTo(12);
        String cursor = page.json().path("data").get(1).path("id").asString();
        Api.Response next = api.get(ACCOUNTS + "/" + wallet + "/entries?limit=2&starting_after=" + cursor, "Authorization", admin());
        assertThat(next.json().path("data")).hasSize(1);
        assertThat(next.json().path("has_more").asBoolean()).isFalse();
        assertThat(api.get(ACCOUNTS + "?limit=0", "Authorization", admin()).status()).isEqualTo(400);
        assertThat(api.get(ACCOUNTS + "/nope", "Authorization", admin()).status()).isEqualTo(404);
    }

    @Test
    void anAmountAbovePaymentsBoundIsRefusedAndChangesNothing() {
        String bank = openAccount("asset", false);
        String wallet = openAccount("liability", true);

        Api.Response tooLarge = post(TRANSFERS, transfer(unique("t"), bank, wallet, 100_000_000_000L));
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(400);
        assertThat(tooLarge.error("code")).isEqualTo("amount_too_large");
        assertThat(tooLarge.error("param")).isEqualTo("amount");
        assertThat(tooLarge.error("type")).isEqualTo("invalid_request_error");

        Api.Response hold = post(TRANSFERS, transfer(unique("h"), bank, wallet, Long.MAX_VALUE).replace("}", ",\"kind\":\"pending\"}"));
        assertThat(hold.status()).as(hold.body()).isEqualTo(400);
        assertThat(hold.error("code")).isEqualTo("amount_too_large");

        Api.Response batch = post(TRANSFERS + "/batch", "{\"transfers\":[" + transfer(unique("a"), bank, wallet, 5) + ","
                + transfer(unique("b"), bank, wallet, 1L << 62) + "]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(400);
        assertThat(batch.error("code")).isEqualTo("amount_too_large");
        assertThat(posted(wallet)).isZero();

        Api.Response largest = post(TRANSFERS, transfer(unique("t"), bank, wallet, 99_999_999_999L));
        assertThat(largest.status()).as(largest.body()).isEqualTo(201);
        assertThat(posted(wallet)).isEqualTo(99_999_999_999L);
    }

    @Test
    void aTransferThatWouldOverflowAnAccountsTotalIsRefusedAndChangesNothing() {
        String bank = openAccount("asset", false);
        String otherBank = openAccount("asset", false);
        String revenue = openAccount("revenue", false);
        TransferResult filled = ledger.createTransfer(TransferRequest.posted(unique("fill"), bank, revenue, Money.of(Long.MAX_VALUE - 5, "CNY")));
        assertThat(filled.code()).isEqualTo(TransferResult.Code.OK);

        Api.Response over = post(TRANSFERS, transfer(unique("t"), otherBank, revenue, 10));
        assertThat(over.status()).as(over.body()).isEqualTo(409);
        assertThat(over.error("code")).isEqualTo("overflows");
        assertThat(over.error("type")).isEqualTo("invalid_request_error");
        assertThat(over.error("param")).isEqualTo("amount");
        assertThat(posted(revenue)).isEqualTo(Long.MAX_VALUE - 5);
        assertThat(posted(otherBank)).isZero();

        assertThat(post(TRANSFERS, transfer(unique("t"), otherBank, revenue, 5)).status()).isEqualTo(201);
        assertThat(post(TRANSFERS, transfer(unique("t"), otherBank, revenue, 1)).status()).isEqualTo(409);
        Api.Response read = api.get(ACCOUNTS + "/" + revenue, "Authorization", admin());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("credits_posted").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(api.get(ACCOUNTS + "/" + bank, "Authorization", admin()).json().path("debits_posted").asLong())
                .isEqualTo(Long.MAX_VALUE - 5);
        assertThat(api.get("/v1/admin/ledger/check", "Authorization", admin()).json().path("balanced").asBoolean()).isTrue();
    }

    @Test
    void theCheckNamesAnAccountWhoseTotalCannotBeRepresentedAndReadingItIsNoServerError() {
        String revenue = openAccount("revenue", false);
        String bank = openAccount("asset", false);
        String otherBank = openAccount("asset", false);
        long big = 1L << 62;
        String[] transfers = {unique("broken"), unique("broken")};
        // what two credits of 2^62 on two of its rows left behind before the total was guarded
        for (int i = 0; i < 2; i++) {
            String debit = i == 0 ? bank : otherBank;
            jdbc.update("insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                    + " values (?, ?, 'CNY', 'posted', 'credit', ?, current_timestamp)", transfers[i], revenue, big);
            jdbc.update("insert into ledger_entry (transfer_id, account_id, currency, layer, direction, amount, created_at)"
                    + " values (?, ?, 'CNY', 'posted', 'debit', ?, current_timestamp)", transfers[i], debit, big);
            jdbc.update("update ledger_account set debits_posted = ? where id = ?", big, debit);
            jdbc.update("update ledger_account_shard set credits_posted = ? where account_id = ? and shard = ?", big, revenue, i + 1);
        }
        try {
            Api.Response check = api.get("/v1/admin/ledger/check", "Authorization", admin());
            assertThat(check.status()).as(check.body()).isEqualTo(200);
            assertThat(check.json().path("balanced").asBoolean()).isFalse();
            assertThat(check.json().path("unrepresentable_accounts")).hasSize(1);
            assertThat(check.json().path("unrepresentable_accounts").get(0).asString()).isEqualTo(revenue);
            assertThat(check.json().path("mismatched_accounts")).isEmpty();

            Api.Response read = api.get(ACCOUNTS + "/" + revenue, "Authorization", admin());
            assertThat(read.status()).as(read.body()).isEqualTo(409);
            assertThat(read.error("type")).isEqualTo("invalid_request_error");
            assertThat(read.error("code")).isEqualTo("account_unrepresentable");
            Api.Response entries = api.get(ACCOUNTS + "/" + revenue + "/entries", "Authorization", admin());
            assertThat(entries.status()).as(entries.body()).isEqualTo(200);
            assertThat(entries.json().path("data")).hasSize(2);
            assertThat(api.get(ACCOUNTS + "/" + bank, "Authorization", admin()).status()).isEqualTo(200);
        } finally {
            // the rest of this class shares the database, and expects balanced books
            for (String t : transfers) {
                jdbc.update("delete from ledger_entry where transfer_id = ?", t);
            }
            jdbc.update("update ledger_account set debits_posted = 0 where id in (?, ?)", bank, otherBank);
            jdbc.update("update ledger_account_shard set credits_posted = 0 where account_id = ?", revenue);
        }
    }
}
