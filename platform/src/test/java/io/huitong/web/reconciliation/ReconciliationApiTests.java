package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md "Reconciliation (operator)": every channel's statement of a day of mixed traffic reconciles with the ledger
 * without a break; each fault a channel plants in its statement is found once, in its class, and nothing else is;
 * the same statement imported again changes nothing.
 */
abstract class ReconciliationApiTests extends ReconciliationFixtures {

    @Test
    void aCleanDayOfEveryChannelReconcilesWithoutABreak() {
        String a1 = payByCard(1_000);
        payByCard(2_500);
        String b1 = payByCard(4_200, FAILS_OVER).path("id").asString();
        assertThat(api.get("/v1/payments/" + b1, "Authorization", merchant.bearer()).json().path("channel").asString()).isEqualTo("acq_b");
        refund(a1, 300);
        refund(b1, 4_200);
        String bank = payByBankTransfer(12_000);
        refund(bank, 2_000);
        String ecny = payByEcny(3_300);
        refund(ecny, 1_300);
        String qr = payByQr(2_599);
        refund(qr, 599);
        String payout = payout(8_800);
        String withdrawal = withdrawal(700);

        for (String channel : CHANNELS) {
            JsonNode r = reconcile(channel, today());
            assertThat(r.path("channel").asString()).isEqualTo(channel);
            assertThat(r.path("business_date").asString()).isEqualTo(today().toString());
            assertThat(r.path("counts").path("matched").asLong()).as("every line: " + r).isPositive()
                    .isEqualTo(r.path("progress").path("total").asLong());
            assertBreaks(r, Map.of());
            assertThat(breaks(r.path("id").asString(), null)).as(channel).isEmpty();
            if (channel.equals("bank")) {
                JsonNode reserve = r.path("reserve");
                assertThat(reserve.path("closing").asLong()).isEqualTo(reserve.path("opening").asLong() + reserve.path("credits").asLong()
                        - reserve.path("debits").asLong());
                assertThat(reserve.path("credits").asLong()).isGreaterThanOrEqualTo(12_000);
                assertThat(reserve.path("difference").asLong()).as(reserve.toString()).isZero();
                assertThat(reserve.path("ledger_balance").asLong()).isEqualTo(reserve.path("closing").asLong());
                assertThat(reserve.path("debits").asLong()).as("the refund, the payout and the withdrawal").isGreaterThanOrEqualTo(2_000 + 8_800 + 700);
                assertThat(new String(statement("bank", today()), java.nio.charset.StandardCharsets.UTF_8)).contains(bank, payout, withdrawal);
            } else {
                assertThat(r.path("reserve").isNull()).isTrue();
            }
        }
        assertLedgerBalanced();
    }

    @Test
    void theSameStatementAgainIsTheSameReconciliationAndAnotherSupersedesIt() {
        payByCard(1_100);
        JsonNode first = reconcile("acq_a", today());
        String id = first.path("id").asString();

        Api.Response again = fetch("acq_a", today());
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("id").asString()).as("fetched again").isEqualTo(id);
        Api.Response uploaded = upload("acq_a", today(), statement("acq_a", today()));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(202);
        assertThat(uploaded.json().path("id").asString()).as("uploaded as the channel serves it").isEqualTo(id);
        assertThat(reconciliation(id).path("counts")).isEqualTo(first.path("counts"));
        assertThat(reconciliation(id).path("status").asString()).isEqualTo("completed");

        String bankPayment = payByBankTransfer(5_000);
        JsonNode bank = reconcile("bank", today());
        assertThat(fetch("bank", today()).json().path("id").asString()).as("the bank writes each camt.053 anew: same content, same reconciliation")
                .isEqualTo(bank.path("id").asString());
        assertThat(bankPayment).startsWith("pay_");

        payByCard(1_200);
        JsonNode next = reconcile("acq_a", today());
        assertThat(next.path("id").asString()).isNotEqualTo(id);
        assertThat(next.path("supersedes").asString()).isEqualTo(id);
        assertThat(next.path("counts").path("matched").asLong()).isEqualTo(first.path("counts").path("matched").asLong() + 1);
        JsonNode old = reconciliation(id);
        assertThat(old.path("status").asString()).isEqualTo("superseded");
        assertThat(old.path("superseded_by").asString()).isEqualTo(next.path("id").asString());
    }

    @Test
    void aDroppedLineIsTimingFirstAndMissingInTheChannelAfterTheGracePeriod() {
        String dropped = payByCard(1_300);
        payByCard(1_400);
        plant("acq_a", "{\"drop\":[\"" + dropped + "\"]}");
        JsonNode r = reconcile("acq_a", today());
        assertBreaks(r, Map.of("timing", 1));
        JsonNode b = breaks(r.path("id").asString(), "timing").getFirst();
        assertThat(b.path("id").asString()).startsWith("rbk_");
        assertThat(b.path("object").asString()).isEqualTo("reconciliation_break");
        assertThat(b.path("reference").asString()).isEqualTo(dropped);
        assertThat(b.path("our_amount").asLong()).isEqualTo(1_300);
        assertThat(b.path("channel_amount").isNull()).isTrue();
        assertThat(b.path("currency").asString()).isEqualTo("CNY");
        assertThat(b.path("status").asString()).isEqualTo("open");
        assertThat(b.path("age_days").asLong()).isZero();

        clock.advance(Duration.ofDays(14));
        JsonNode later = reconciliation(r.path("id").asString());
        assertBreaks(later, Map.of("missing_in_channel", 1));
        JsonNode missing = breaks(r.path("id").asString(), "missing_in_channel").getFirst();
        assertThat(missing.path("id").asString()).isEqualTo(b.path("id").asString());
        assertThat(missing.path("age_days").asLong()).isEqualTo(14);
    }

    @Test
    void aDelayedLineIsTimingOnDayOneAndMatchedOnDayTwo() {
        String delayed = payByCard(1_500);
        payByCard(1_600);
        plant("acq_a", "{\"delay\":[\"" + delayed + "\"]}");
        LocalDate dayOne = today();
        JsonNode one = reconcile("acq_a", dayOne);
        assertBreaks(one, Map.of("timing", 1));
        String timing = breaks(one.path("id").asString(), "timing").getFirst().path("id").asString();

        clock.advance(Duration.ofDays(1));
        JsonNode two = reconcile("acq_a", dayOne.plusDays(1));
        assertBreaks(two, Map.of());
        assertThat(two.path("counts").path("matched").asLong()).isEqualTo(1);
        JsonNode matched = breaks(two.path("id").asString(), "matched").getFirst();
        assertThat(matched.path("reference").asString()).isEqualTo(delayed);
        assertThat(matched.path("matched_by").asString()).isEqualTo("other_statement");

        JsonNode cleared = breaks(one.path("id").asString(), "timing").getFirst();
        assertThat(cleared.path("id").asString()).isEqualTo(timing);
        assertThat(cleared.path("status").asString()).isEqualTo("resolved");
        assertThat(cleared.path("resolution").asString()).isEqualTo("cleared");
        assertBreaks(reconciliation(one.path("id").asString()), Map.of("timing", 1));
    }

    @Test
    void aDuplicatedLineIsOneDuplicate() {
        String twice = payByCard(1_700);
        plant("acq_a", "{\"duplicate\":[\"" + twice + "\"]}");
        JsonNode r = reconcile("acq_a", today());
        assertBreaks(r, Map.of("duplicate", 1));
        JsonNode b = breaks(r.path("id").asString(), "duplicate").getFirst();
        assertThat(b.path("reference").asString()).isEqualTo(twice);
        assertThat(b.path("channel_amount").asLong()).isEqualTo(1_700);
    }

    @Test
    void anAmountTheChannelChangedIsOneAmountMismatch() {
        String changed = payByCard(1_800);
        plant("acq_a", "{\"amount\":{\"" + changed + "\":-100}}");
        JsonNode r = reconcile("acq_a", today());
        assertBreaks(r, Map.of("amount_mismatch", 1));
        JsonNode b = breaks(r.path("id").asString(), "amount_mismatch").getFirst();
        assertThat(b.path("reference").asString()).isEqualTo(changed);
        assertThat(b.path("our_amount").asLong()).isEqualTo(1_800);
        assertThat(b.path("channel_amount").asLong()).isEqualTo(1_700);
    }

    @Test
    void theReportListsTheBreaksInCsvXlsxAndPdf() throws java.io.IOException {
        String changed = payByCard(1_950);
        payByBankTransfer(7_000);
        plant("acq_a", "{\"amount\":{\"" + changed + "\":-150}}");
        String id = reconcile("acq_a", today()).path("id").asString();
        String base = "/v1/admin/reconciliations/" + id + "/report.";

        Api.Download csv = api.download(base + "csv", "Authorization", admin());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("对账报告 Reconciliation report " + id)
                .contains("amount_mismatch", changed, "19.50", "18.00", "acq_a");

        Api.Download xlsx = api.download(base + "xlsx", "Authorization", admin());
        assertThat(xlsx.status()).isEqualTo(200);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            StringBuilder cells = new StringBuilder();
            book.getSheetAt(0).forEach(row -> row.forEach(cell -> cells.append(cell).append('|')));
            assertThat(cells.toString()).contains("amount_mismatch", changed, "19.5", "18.0");
        }

        Api.Download pdf = api.download(base + "pdf", "Authorization", admin());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("对账报告", "amount_mismatch", "19.50");
        }
        String bank = reconcile("bank", today()).path("id").asString();
        assertThat(new String(api.download("/v1/admin/reconciliations/" + bank + "/report.csv", "Authorization", admin()).body(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("期末余额 Closing balance", "差额 Difference,0.00");
        assertThat(api.download(base + "doc", "Authorization", admin()).status()).isEqualTo(404);
        assertThat(api.download("/v1/admin/reconciliations/rec_nothing/report.csv", "Authorization", admin()).status()).isEqualTo(404);
    }

    @Test
    void aLineTheChannelReportsFailedIsOneStatusMismatch() {
        String failed = payByCard(1_900);
        String bank = payByBankTransfer(6_000);
        plant("acq_a", "{\"status\":[\"" + failed + "\"]}");
        plant("bank", "{\"status\":[\"" + bank + "\"]}");
        JsonNode card = reconcile("acq_a", today());
        assertBreaks(card, Map.of("status_mismatch", 1));
        JsonNode b = breaks(card.path("id").asString(), "status_mismatch").getFirst();
        assertThat(b.path("reference").asString()).isEqualTo(failed);
        assertThat(b.path("our_amount").asLong()).isEqualTo(1_900);
        assertThat(b.path("channel_amount").asLong()).as("a failed line moved nothing").isZero();

        JsonNode reversed = reconcile("bank", today());
        assertBreaks(reversed, Map.of("status_mismatch", 1));
        JsonNode r = breaks(reversed.path("id").asString(), "status_mismatch").getFirst();
        assertThat(r.path("reference").asString()).isEqualTo(bank);
        assertThat(r.path("channel_amount").asLong()).as("the bank reversed it: the money went back").isEqualTo(-6_000);
        assertThat(reversed.path("reserve").path("difference").asLong()).isEqualTo(-12_000);
    }

    @Test
    void aBankLineDroppedFromTheStatementIsNamedInTheReserveRollForward() {
        String dropped = payByBankTransfer(7_000);
        payByBankTransfer(3_000);
        plant("bank", "{\"drop\":[\"" + dropped + "\"]}");
        JsonNode r = reconcile("bank", today());
        assertBreaks(r, Map.of("timing", 1));
        assertThat(breaks(r.path("id").asString(), "timing").getFirst().path("reference").asString()).isEqualTo(dropped);
        JsonNode reserve = r.path("reserve");
        assertThat(reserve.path("opening").asLong() + reserve.path("credits").asLong() - reserve.path("debits").asLong())
                .as("the bank's own roll-forward holds: " + reserve).isEqualTo(reserve.path("closing").asLong());
        assertThat(reserve.path("ledger_credits").asLong() - reserve.path("credits").asLong())
                .as("the ledger took in what the statement left out: " + reserve).isEqualTo(7_000);
        assertThat(reserve.path("difference").asLong()).as(reserve.toString()).isEqualTo(-7_000);
    }

    @Test
    void aLineNobodySentIsOneMissingInTheLedger() {
        payByCard(2_000);
        String qr = payByQr(2_100);
        plant("acq_a", "{\"unknown\":1}");
        plant("walletpay", "{\"unknown\":1,\"duplicate\":[\"" + qr + "\"]}");
        JsonNode r = reconcile("acq_a", today());
        assertBreaks(r, Map.of("missing_in_ledger", 1));
        JsonNode b = breaks(r.path("id").asString(), "missing_in_ledger").getFirst();
        assertThat(b.path("reference").asString()).startsWith("pay_UNKNOWN");
        assertThat(b.path("our_amount").isNull()).isTrue();
        assertThat(b.path("channel_amount").asLong()).isEqualTo(1_000);

        assertBreaks(reconcile("walletpay", today()), Map.of("missing_in_ledger", 1, "duplicate", 1));
    }

    static List<String> ids(List<JsonNode> nodes) {
        return nodes.stream().map(n -> n.path("id").asString()).toList();
    }
}
