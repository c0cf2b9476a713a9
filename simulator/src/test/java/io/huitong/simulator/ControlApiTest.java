package io.huitong.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The control API over HTTP, including the answers to bad input. */
class ControlApiTest extends SimulatorTestSupport {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + path)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheChannels() throws Exception {
        HttpResponse<String> response = get("/control/channels");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        List<?> channels = JSON.readValue(response.body(), List.class);
        List<Object> names = channels.stream().map(c -> ((Map<?, ?>) c).get("name")).map(Object.class::cast).toList();
        assertThat(names).contains("acq_a", "acq_b");
        Map<?, ?> a = (Map<?, ?>) channels.getFirst();
        assertThat(a.get("name")).isEqualTo("acq_a");
        assertThat(a.get("protocol")).isEqualTo("iso8583");
        assertThat(a.get("host")).isEqualTo("127.0.0.1");
        assertThat(a.get("port")).isEqualTo(sim.channel("acq_a").port());
        assertThat(a.keySet().stream().map(String::valueOf).toList()).containsExactly("name", "protocol", "host", "port", "mode", "latency_ms", "error_rate");
    }

    @Test
    void changesAChannelAndKeepsWhatTheBodyLeavesOut() throws Exception {
        HttpResponse<String> response = put("/control/channels/acq_b", "{\"mode\":\"error\",\"latency_ms\":25,\"error_rate\":0.5}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readValue(response.body(), Map.class)).containsEntry("mode", "error").containsEntry("latency_ms", 25)
                .containsEntry("error_rate", 0.5);

        response = put("/control/channels/acq_b", "{\"mode\":\"up\"}");
        assertThat(JSON.readValue(response.body(), Map.class)).containsEntry("mode", "up").containsEntry("latency_ms", 25);
        put("/control/channels/acq_b", "{\"mode\":\"up\",\"latency_ms\":0,\"error_rate\":0}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"mode\":\"sideways\"}", "{\"mode\":1}", "{\"latency_ms\":-1}", "{\"latency_ms\":1.5}",
            "{\"latency_ms\":\"10\"}", "{\"error_rate\":1.5}", "{\"error_rate\":-0.1}", "{\"speed\":1}", "not json", "[1,2]", ""})
    void refusesBadInputWithAJsonError(String body) throws Exception {
        HttpResponse<String> response = put("/control/channels/acq_a", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(((Map<?, ?>) JSON.readValue(response.body(), Map.class).get("error")).get("message")).asString().isNotBlank();
        assertThat(sim.channels()).extracting(ChannelInfo::name).contains("acq_a", "acq_b");
        assertThat(JSON.readValue(get("/control/channels").body(), List.class).toString()).doesNotContain("sideways");
    }

    @Test
    void anUnknownChannelIsNotFound() throws Exception {
        assertThat(put("/control/channels/acq_z", "{\"mode\":\"up\"}").statusCode()).isEqualTo(404);
        assertThat(get("/control/transactions?channel=acq_z").statusCode()).isEqualTo(404);
        assertThat(get("/control/transactions").statusCode()).isEqualTo(400);
        assertThat(get("/control/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void showsTheBookWithMaskedCardsOnly() throws Exception {
        String pan = "6200000000000005";
        try (TestClient client = new TestClient(sim.channel("acq_a"))) {
            client.exchange(TestClient.sale("pay_control_book", pan));
        }
        HttpResponse<String> response = get("/control/transactions?channel=acq_a");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"reference\":\"pay_control_book\"", "\"state\":\"captured\"", "\"masked_pan\":\"620000******0005\"")
                .doesNotContain(pan);
    }
}
