package io.huitong.web.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.Api;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements reconciliation refuses: malformed files (truncated XML, a wrong column count, a bad amount), another
 * channel's statement, another account's (the bank's) or another date's, and bad parameters. Each is a 400 naming what
 * is wrong (the line, for a file), and imports nothing.
 */
abstract class ReconciliationImportTests extends ReconciliationFixtures {

    long reconciliations;
    long lines;

    @BeforeEach
    void someTrafficAndNothingImported() {
        payByCard(1_000);
        payByCard(1_200, FAILS_OVER);
        payByBankTransfer(8_000);
        payByEcny(3_000);
        reconciliations = count("reconciliation");
        lines = count("reconciliation_line");
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    void assertRefused(Api.Response r, String code, String... messageParts) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error("type")).isEqualTo("invalid_request_error");
        assertThat(r.error("code")).isEqualTo(code);
        assertThat(r.error("message")).contains(messageParts);
        assertThat(count("reconciliation")).as("no reconciliation").isEqualTo(reconciliations);
        assertThat(count("reconciliation_line")).as("no line").isEqualTo(lines);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aTruncatedCamt053IsRefused() {
        byte[] camt = statement("bank", today());
        assertThat(text(camt)).contains("<Ntry>");
        byte[] cut = Arrays.copyOf(camt, text(camt).indexOf("</Ntry>"));
        assertRefused(upload("bank", today(), cut), "statement_invalid", "line ");
    }

    @Test
    void aDetailLineWithAColumnMissingIsRefusedNamingItsLine() {
        String[] file = text(statement("acq_a", today())).split("\r?\n");
        assertThat(file[1]).startsWith("D,");
        file[1] = file[1].substring(0, file[1].lastIndexOf(','));
        assertRefused(upload("acq_a", today(), bytes(String.join("\r\n", file) + "\r\n")), "statement_invalid", "line 2");
    }

    @Test
    void aBadAmountIsRefusedNamingItsLine() {
        String[] file = text(statement("acq_a", today())).split("\r?\n");
        String[] d = file[1].split(",", -1);
        d[5] = "10.5";
        file[1] = String.join(",", d);
        assertRefused(upload("acq_a", today(), bytes(String.join("\r\n", file) + "\r\n")), "statement_invalid", "line 2", "amount");

        String bill = text(statement("ecny", today()));
        assertRefused(upload("ecny", today(), bytes(bill.replace(",3000,", ",30.00,"))), "statement_invalid", "line 2");
    }

    @Test
    void aReferenceNoChannelWouldSendIsRefusedNamingItsLine() {
        String[] file = text(statement("acq_a", today())).split("\r?\n");
        String[] d = file[1].split(",", -1);
        d[9] = "pay_" + "X".repeat(200);
        file[1] = String.join(",", d);
        assertRefused(upload("acq_a", today(), bytes(String.join("\r\n", file) + "\r\n")), "statement_invalid", "line 2", "reference");
    }

    @Test
    void anotherChannelsStatementIsRefused() {
        assertRefused(upload("acq_a", today(), statement("acq_b", today())), "statement_mismatch", "line 1", "acq_b");
        assertRefused(upload("acq_a", today(), statement("ecny", today())), "statement_invalid", "line 1");
        assertRefused(upload("bank", today(), statement("acq_a", today())), "statement_invalid", "nothing was imported");
    }

    @Test
    void aBankStatementOfAnotherAccountIsRefused() {
        String ours = io.huitong.simulator.BankAccounts.SETTLEMENT.number();
        String camt = text(statement("bank", today()));
        assertThat(camt).contains("<Id>" + ours + "</Id>");
        byte[] theirs = bytes(camt.replace("<Id>" + ours + "</Id>", "<Id>955880000000000026</Id>"));
        assertRefused(upload("bank", today(), theirs), "statement_mismatch", "the account ending 0026", "our settlement account at bank (ending 0018)");
        assertThat(upload("bank", today(), bytes(camt)).status()).as("and ours is taken").isEqualTo(202);
    }

    @Test
    void anotherDatesStatementIsRefused() {
        LocalDate yesterday = today().minusDays(1);
        assertRefused(upload("acq_a", yesterday, statement("acq_a", today())), "statement_mismatch", "line 1", today().toString());
        assertRefused(upload("bank", yesterday, statement("bank", today())), "statement_mismatch", today().toString());
        assertRefused(upload("ecny", yesterday, statement("ecny", today())), "statement_mismatch", "line ", today().toString());
    }

    @Test
    void theOpenApiDescriptionHasTheReconciliationEndpoints() {
        tools.jackson.databind.JsonNode docs = api.get("/v3/api-docs").json();
        assertThat(docs.path("paths").propertyNames()).contains("/v1/admin/reconciliations", "/v1/admin/reconciliations/upload",
                "/v1/admin/reconciliations/{id}", "/v1/admin/reconciliations/{id}/breaks", "/v1/admin/reconciliation_breaks/{id}/resolve",
                "/v1/admin/reconciliations/{id}/report.{format}");
        assertThat(docs.path("paths").path("/v1/admin/reconciliations/upload").path("post").path("requestBody").path("content").propertyNames())
                .contains("text/csv", "application/xml");
        assertThat(docs.path("components").path("schemas").path("ReconciliationBreak").path("properties").propertyNames())
                .contains("class", "reference", "channel_reference", "our_amount", "channel_amount", "currency", "age_days", "status", "resolution");
        assertThat(docs.path("components").path("schemas").path("ReconciliationCounts").path("properties").propertyNames())
                .contains("matched", "missing_in_ledger", "missing_in_channel", "amount_mismatch", "status_mismatch", "currency_mismatch",
                        "duplicate", "timing");
    }

    @Test
    void badParametersAreRefused() {
        assertRefused(upload("acq_z", today(), statement("acq_a", today())), "parameter_invalid", "acq_z");
        assertRefused(upload("acq_a", today().plusDays(1), statement("acq_a", today())), "parameter_invalid", "future");
        Api.Response noDate = api.send(api.request("/v1/admin/reconciliations/upload?channel=acq_a")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(statement("acq_a", today()))).header("Authorization", admin()).build());
        assertRefused(noDate, "parameter_missing", "business_date");
        assertRefused(fetch("nobody", today()), "parameter_invalid", "nobody");
        assertRefused(api.postJson("/v1/admin/reconciliations", "{\"channel\":\"acq_a\",\"business_date\":\"06/12/2026\"}", "Authorization", admin()),
                "parameter_invalid", "YYYY-MM-DD");
        assertThat(upload("acq_a", today(), statement("acq_a", today())).status()).as("and the statement itself is fine").isEqualTo(202);
    }
}
