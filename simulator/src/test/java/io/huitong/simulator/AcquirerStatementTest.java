package io.huitong.simulator;

import static io.huitong.simulator.StatementHttp.get;
import static io.huitong.simulator.StatementHttp.putFaults;
import static io.huitong.simulator.StatementHttp.read;
import static io.huitong.simulator.StatementHttp.statement;
import static io.huitong.simulator.StatementHttp.today;
import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.protocols.iso8583.Mti;
import io.huitong.protocols.iso8583.ResponseCode;
import io.huitong.protocols.statements.AcquirerSettlement.Code;
import io.huitong.protocols.statements.AcquirerSettlement.Line;
import io.huitong.protocols.statements.AcquirerSettlement.Status;
import io.huitong.protocols.statements.AcquirerSettlementReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The acquirers' settlement files from their books, and every fault kind, through the control API over HTTP. */
class AcquirerStatementTest extends SimulatorTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AfterEach
    void noFaults() throws Exception {
        StatementHttp.clearFaults(sim, Simulator.ACQ_A, Simulator.ACQ_B, Simulator.BANK, Simulator.ECNY, Simulator.WALLETPAY);
    }

    private static List<Line> file(String channel, java.time.LocalDate date) throws Exception {
        return read(statement(sim, channel, date), AcquirerSettlementReader::open);
    }

    private static List<Line> of(List<Line> lines, String reference) {
        return lines.stream().filter(l -> l.reference().equals(reference)).toList();
    }

    private static void sale(TestClient client, String reference, long amount) throws Exception {
        assertThat(TestClient.rc(client.exchange(TestClient.authorization(Mti.FINANCIAL, reference, Simulator.APPROVED_CARD, amount, false))))
                .isEqualTo(ResponseCode.APPROVED);
    }

    @Test
    void theFileListsWhatTheAcquirerSettledWithFeesAndReferencesFromTheWire() throws Exception {
        String sale = ref();
        String auth = ref();
        String refund = "re_" + ref().substring(4);
        String reversed = ref();
        String declined = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            sale(client, sale, 1_000);
            assertThat(TestClient.rc(client.exchange(TestClient.authorization(Mti.AUTHORIZATION, auth, Simulator.APPROVED_CARD, 2_000, false))))
                    .isEqualTo(ResponseCode.APPROVED);
            assertThat(TestClient.rc(client.exchange(TestClient.followUp(Mti.COMPLETION, auth, 1_500)))).isEqualTo(ResponseCode.APPROVED);
            assertThat(TestClient.rc(client.exchange(TestClient.refund(refund, sale, 300)))).isEqualTo(ResponseCode.APPROVED);
            sale(client, reversed, 700);
            assertThat(TestClient.rc(client.exchange(TestClient.followUp(Mti.REVERSAL, reversed, 700)))).isEqualTo(ResponseCode.APPROVED);
            client.exchange(TestClient.authorization(Mti.FINANCIAL, declined, "4000000000000002", 100, false));
        }
        HttpResponse<byte[]> response = get(sim, "/control/statements/acq_a?date=" + today());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("acq_a-settlement-" + today() + ".csv");
        List<Line> lines = read(response.body(), AcquirerSettlementReader::open);

        Line s = of(lines, sale).getFirst();
        assertThat(s.code()).isEqualTo(Code.SALE);
        assertThat(s.amount()).isEqualTo(1_000);
        assertThat(s.fee()).isEqualTo(6);
        assertThat(s.settlementAmount()).isEqualTo(994);
        assertThat(s.maskedPan()).isEqualTo("424242******4242");
        assertThat(s.merchantId()).isEqualTo("mer_test");
        assertThat(s.currency()).isEqualTo("CNY");
        assertThat(s.rrn()).hasSize(12);
        assertThat(s.authorizationCode()).hasSize(6);
        assertThat(s.status()).isEqualTo(Status.SETTLED);
        assertThat(s.transmissionTime()).isBetween(Instant.now().minus(Duration.ofDays(366)), Instant.now().plus(Duration.ofDays(366)));
        assertThat(of(lines, auth)).singleElement().satisfies(l -> {
            assertThat(l.code()).isEqualTo(Code.CAPTURE);
            assertThat(l.amount()).isEqualTo(1_500);
            assertThat(l.fee()).isEqualTo(9);
        });
        assertThat(of(lines, refund)).singleElement().satisfies(l -> {
            assertThat(l.code()).isEqualTo(Code.REFUND);
            assertThat(l.settlementAmount()).isEqualTo(-300);
            assertThat(l.originalReference()).isEqualTo(sale);
            assertThat(l.merchantId()).isEqualTo("mer_test");
        });
        assertThat(of(lines, reversed)).extracting(Line::code, Line::fee, Line::settlementAmount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.SALE, 4L, 696L), org.assertj.core.groups.Tuple.tuple(Code.REVERSAL, -4L, -696L));
        assertThat(of(lines, declined)).isEmpty();
        assertThat(of(file(Simulator.ACQ_B, today()), sale)).as("the other acquirer's file").isEmpty();
    }

    @Test
    void eachFaultChangesExactlyWhatItSays() throws Exception {
        String kept = ref();
        String dropped = ref();
        String doubled = ref();
        String changed = ref();
        String failed = ref();
        String late = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_B))) {
            for (String reference : List.of(kept, dropped, doubled, changed, failed, late)) {
                sale(client, reference, 2_000);
            }
        }
        List<Line> before = file(Simulator.ACQ_B, today());
        String body = "{\"drop\":[\"" + dropped + "\"],\"duplicate\":[\"" + doubled + "\"],\"amount\":{\"" + changed + "\":250},"
                + "\"status\":[\"" + failed + "\"],\"delay\":[\"" + late + "\"],\"unknown\":2}";
        HttpResponse<String> put = putFaults(sim, Simulator.ACQ_B, body);
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode shown = JSON.readTree(new String(get(sim, "/control/statements/acq_b/faults").body()));
        assertThat(shown.path("drop").get(0).asString()).isEqualTo(dropped);
        assertThat(shown.path("amount").path(changed).asLong()).isEqualTo(250);
        assertThat(shown.path("unknown").asInt()).isEqualTo(2);

        List<Line> after = file(Simulator.ACQ_B, today());
        assertThat(of(after, kept)).isEqualTo(of(before, kept));
        assertThat(of(after, dropped)).isEmpty();
        assertThat(of(after, doubled)).hasSize(2).containsOnly(of(before, doubled).getFirst());
        Line amount = of(after, changed).getFirst();
        assertThat(amount.amount()).isEqualTo(2_250);
        assertThat(amount.settlementAmount()).isEqualTo(2_250 - amount.fee());
        assertThat(of(after, failed)).singleElement().satisfies(l -> {
            assertThat(l.status()).isEqualTo(Status.FAILED);
            assertThat(l.settlementAmount()).isZero();
        });
        assertThat(of(after, late)).isEmpty();
        List<Line> unknown = after.stream().filter(l -> l.reference().startsWith("pay_UNKNOWN")).toList();
        assertThat(unknown).hasSize(2);
        assertThat(unknown).extracting(Line::reference).doesNotContainAnyElementsOf(before.stream().map(Line::reference).toList());
        Set<String> touched = Set.of(dropped, doubled, changed, failed, late);
        assertThat(after.stream().filter(l -> !touched.contains(l.reference()) && !l.reference().startsWith("pay_UNKNOWN")).toList())
                .as("nothing else changed").isEqualTo(before.stream().filter(l -> !touched.contains(l.reference())).toList());
        assertThat(of(file(Simulator.ACQ_B, today().plusDays(1)), late)).as("on the next day's file").isEqualTo(of(before, late));

        StatementHttp.clearFaults(sim, Simulator.ACQ_B);
        assertThat(file(Simulator.ACQ_B, today())).isEqualTo(before);
        assertThat(JSON.readTree(new String(get(sim, "/control/statements/acq_b/faults").body())).path("drop")).isEmpty();
    }

    @Test
    void badRequestsAreAnsweredWithAnErrorInJson() throws Exception {
        assertThat(get(sim, "/control/statements/acq_z?date=" + today()).statusCode()).isEqualTo(404);
        assertThat(get(sim, "/control/statements/acq_z/faults").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> badDate = get(sim, "/control/statements/acq_a?date=2026-13-01");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(new String(badDate.body())).contains("\"error\"").contains("date");
        assertThat(get(sim, "/control/statements/acq_a").statusCode()).isEqualTo(400);
        for (String body : List.of("{\"drop\":\"pay_x\"}", "{\"unknown\":-1}", "{\"unknown\":1.5}", "{\"bogus\":[]}", "{\"amount\":{\"pay_x\":\"5\"}}",
                "{\"duplicate\":[\"\"]}", "not json", "[]")) {
            HttpResponse<String> response = putFaults(sim, Simulator.ACQ_A, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").path("message").asString()).as(body).isNotBlank();
        }
        String reference = ref();
        try (TestClient client = new TestClient(sim.channel(Simulator.ACQ_A))) {
            sale(client, reference, 100);
        }
        assertThat(putFaults(sim, Simulator.ACQ_A, "{\"amount\":{\"" + reference + "\":-100}}").statusCode()).isEqualTo(200);
        assertThat(get(sim, "/control/statements/acq_a?date=" + today()).statusCode()).as("an amount made zero").isEqualTo(409);
    }
}
