package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.statements.BankStatementReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Payouts the bank books as one entry: the payouts a settlement run opens go to the bank together, one pain.001 that
 * asks for batch booking, and the bank's camt.053 has one entry for them, named by the batch, for what they moved.
 * Reconciliation pairs that entry with the batch's payouts: a clean day has no break, and a batch amount the bank
 * changed is one amount mismatch naming the batch, none of its payouts missing.
 */
abstract class ReconciliationBatchTests extends ReconciliationFixtures {

    /** The batch the payouts went to the bank in: one, the same for all. */
    String batchOf(List<String> payouts) {
        List<String> batches = new ArrayList<>();
        for (String payout : payouts) {
            batches.add(jdbc.sql("select batch_reference from payout where id = ?").param(payout).query(String.class).single());
        }
        assertThat(batches).as("one batch for the run's payouts").doesNotContainNull().containsOnly(batches.getFirst());
        assertThat(batches.getFirst()).startsWith("pob_");
        return batches.getFirst();
    }

    /** The entries of the bank's statement of today named {@code reference}. */
    List<Statement.Entry> entries(String reference) {
        List<Statement.Entry> found = new ArrayList<>();
        try (BankStatementReader r = BankStatementReader.open(new ByteArrayInputStream(statement("bank", today())))) {
            for (Statement.Entry e; (e = r.next()) != null; ) {
                if (e.reference().equals(reference)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    @Test
    void aDayWithABatchOfPayoutsBookedAsOneEntryReconcilesWithoutABreak() {
        payByBankTransfer(9_000);
        List<String> payouts = payoutBatch(3_100, 4_200, 5_300);
        String batch = batchOf(payouts);
        String withdrawal = withdrawal(600);

        List<Statement.Entry> entries = entries(batch);
        assertThat(entries).hasSize(1);
        Statement.Entry entry = entries.getFirst();
        assertThat(entry.amount()).isEqualTo(12_600);
        assertThat(entry.credit()).isFalse();
        assertThat(entry.batch().transactions()).isEqualTo(3);
        assertThat(entry.batch().details()).extracting(Statement.Transaction::reference).containsExactlyInAnyOrderElementsOf(payouts);
        assertThat(payouts).allSatisfy(p -> assertThat(entries(p)).as("no entry of its own").isEmpty());
        assertThat(entries(withdrawal)).as("a payout sent alone is booked alone").hasSize(1);

        JsonNode r = reconcile("bank", today());
        assertBreaks(r, Map.of());
        assertThat(breaks(r.path("id").asString(), null)).isEmpty();
        assertThat(r.path("counts").path("matched").asLong()).as("every line: " + r).isEqualTo(r.path("progress").path("total").asLong());
        assertThat(r.path("reserve").path("difference").asLong()).as(r.path("reserve").toString()).isZero();
        assertLedgerBalanced();
    }

    @Test
    void aBatchAmountTheBankChangedIsOneAmountMismatchOfTheBatch() {
        List<String> payouts = payoutBatch(2_000, 2_500);
        String batch = batchOf(payouts);
        plant("bank", "{\"amount\":{\"" + batch + "\":-300}}");

        JsonNode r = reconcile("bank", today());
        assertBreaks(r, Map.of("amount_mismatch", 1));
        List<JsonNode> all = breaks(r.path("id").asString(), null);
        assertThat(all).hasSize(1);
        JsonNode b = all.getFirst();
        assertThat(b.path("class").asString()).isEqualTo("amount_mismatch");
        assertThat(b.path("reference").asString()).isEqualTo(batch);
        assertThat(b.path("our_amount").asLong()).as("what the batch's payouts moved").isEqualTo(-4_500);
        assertThat(b.path("channel_amount").asLong()).as("what the bank booked for the batch").isEqualTo(-4_200);
        assertThat(b.path("currency").asString()).isEqualTo("CNY");
        assertThat(new String(statement("bank", today()), StandardCharsets.UTF_8)).contains("<PmtInfId>" + batch + "</PmtInfId>");
    }
}
