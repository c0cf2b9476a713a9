package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.iso20022.Statement;
import io.huitong.testsupport.Api;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Payouts the bank paid and then got back from the beneficiary's bank (the simulated bank's
 * {@code POST /control/bank/returns}, a signed pacs.004 pushed to {@code /notify/bank}): the payout fails with the
 * return's reason, a new ledger transfer puts the money back in the merchant's available balance, one
 * {@code payout.failed} is recorded, and the bank's statement of the day, with the return's credit, reconciles clean. A
 * wallet withdrawal comes back to the wallet the same way. The same return twice, a forged one, one of no payout and one
 * of more than was paid change nothing.
 */
abstract class PayoutReturnTests extends PayoutReturnFixtures {

    @Test
    void aPaidPayoutTheBankSendsBackFailsWithTheReasonAndTheMoneyIsAvailableAgain() {
        String payout = payout(5_000);
        String merchant = merchantOf(payout);
        long amount = jdbc.sql("select amount from payout where id = ?").param(payout).query(Long.class).single();
        long before = available(merchant);

        JsonNode returned = sendBack(payout, "AC04");
        assertThat(returned.path("notification").asString()).as("the platform took the pacs.004").isEqualTo("delivered");
        String returnId = returned.path("reference").asString();

        assertThat(status(payout)).isEqualTo("failed");
        Map<String, Object> row = jdbc.sql("select failure_code, failure_message, return_reference from payout where id = ?").param(payout)
                .query().singleRow();
        assertThat(row.get("failure_code")).isEqualTo("AC04");
        assertThat((String) row.get("failure_message")).contains("AC04").contains("returned");
        assertThat(row.get("return_reference")).isEqualTo(returnId);
        assertThat(available(merchant)).as("the money is back").isEqualTo(before + amount);
        assertThat(events(merchant, "payout.failed")).isEqualTo(1);
        assertThat(events(merchant, "payout.paid")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from ledger_transfer where reference = ? and code = 'payout_return'").param(returnId)
                .query(Long.class).single()).as("a new transfer under the bank's reference of the return").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from aml_transaction where source_ref = ?").param(returnId).query(Long.class).single())
                .as("recorded for AML as the payout was").isEqualTo(1);
        assertLedgerBalanced();

        Api.Response again = push(returnOf(returnId, payout, amount, "AC04"), bankKey());
        assertThat(again.status()).as("the same return again: " + again.body()).isEqualTo(200);
        assertThat(available(merchant)).as("changes nothing").isEqualTo(before + amount);
        assertThat(events(merchant, "payout.failed")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from ledger_transfer where code = 'payout_return' and reference = ?").param(returnId)
                .query(Long.class).single()).isEqualTo(1);

        Api.Response other = push(returnOf("RTN" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), payout, amount, "AC04"),
                bankKey());
        assertThat(other.status()).as("another return of a payout already back: " + other.body()).isEqualTo(409);
        assertThat(available(merchant)).isEqualTo(before + amount);
        assertLedgerBalanced();
    }

    @Test
    void forgedUnknownAndOversizedReturnsChangeNothing() {
        String payout = payout(3_000);
        String merchant = merchantOf(payout);
        long amount = jdbc.sql("select amount from payout where id = ?").param(payout).query(Long.class).single();
        long before = available(merchant);
        String returnId = "RTN" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);

        Api.Response forged = push(returnOf(returnId, payout, amount, "AC04"), "not-the-bank-key-0123456789");
        assertThat(forged.status()).as(forged.body()).isEqualTo(401);
        Api.Response unsigned = api.send(api.request("/notify/bank").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(CODEC.write(returnOf(returnId, payout, amount, "AC04")))).build());
        assertThat(unsigned.status()).as(unsigned.body()).isEqualTo(401);
        Api.Response unknown = push(returnOf(returnId, "po_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), amount, "AC04"),
                bankKey());
        assertThat(unknown.status()).as("no such payout: " + unknown.body()).isEqualTo(404);
        Api.Response tooMuch = push(returnOf(returnId, payout, amount + 1, "AC04"), bankKey());
        assertThat(tooMuch.status()).as("more than was paid: " + tooMuch.body()).isEqualTo(409);
        Api.Response part = push(returnOf(returnId, payout, amount - 1, "AC04"), bankKey());
        assertThat(part.status()).as("part of it: " + part.body()).isEqualTo(409);

        assertThat(status(payout)).isEqualTo("paid");
        assertThat(available(merchant)).isEqualTo(before);
        assertThat(events(merchant, "payout.failed")).isZero();
        assertThat(jdbc.sql("select count(*) from ledger_transfer where reference = ?").param(returnId).query(Long.class).single()).isZero();
        assertLedgerBalanced();
    }

    /** What the consumer's wallet moved out as its class counts it. */
    private long counted(String userId) {
        return jdbc.sql("select outflow_total from wallet where user_id = ?").param(userId).query(Long.class).single();
    }

    @Test
    void aDayWithAReturnedPayoutAndWithdrawalReconcilesWithoutABreak() {
        payByBankTransfer(9_000);
        String kept = payout(2_000);
        String payout = payout(4_000);
        String withdrawal = withdrawal(700, "Wang Fang"); // to another's account: it counts against the wallet's class
        String wallet = jdbc.sql("select w.user_id from wallet_withdrawal d join wallet w on w.id = d.wallet_id where d.id = ?").param(withdrawal)
                .query(String.class).single();
        long walletBefore = ledger.account(wallet + ":wallet:CNY").orElseThrow().availableBalance();
        assertThat(counted(wallet)).isEqualTo(700);

        String payoutReturn = sendBack(payout, "AC04").path("reference").asString();
        String withdrawalReturn = sendBack(withdrawal, "AC06").path("reference").asString();

        assertThat(status(payout)).isEqualTo("failed");
        assertThat(status(kept)).isEqualTo("paid");
        Map<String, Object> w = jdbc.sql("select status, failure_code, return_reference from wallet_withdrawal where id = ?").param(withdrawal)
                .query().singleRow();
        assertThat(w.get("status")).isEqualTo("failed");
        assertThat(w.get("failure_code")).isEqualTo("AC06");
        assertThat(w.get("return_reference")).isEqualTo(withdrawalReturn);
        assertThat(ledger.account(wallet + ":wallet:CNY").orElseThrow().availableBalance()).as("back in the wallet").isEqualTo(walletBefore + 700);
        assertThat(counted(wallet)).as("and back in the class's allowance").isZero();

        Statement.Entry back = entries(payoutReturn).getFirst();
        assertThat(back.credit()).isTrue();
        assertThat(back.kind()).isEqualTo("payout_return");
        assertThat(entries(payout)).as("the payout's own debit stays").hasSize(1);
        assertThat(entries(withdrawalReturn)).hasSize(1);

        JsonNode r = reconcile("bank", today());
        assertBreaks(r, Map.of());
        assertThat(breaks(r.path("id").asString(), null)).isEmpty();
        assertThat(r.path("counts").path("matched").asLong()).as("every line: " + r).isEqualTo(r.path("progress").path("total").asLong());
        assertThat(r.path("reserve").path("difference").asLong()).as(r.path("reserve").toString()).isZero();
        assertLedgerBalanced();
    }
}
