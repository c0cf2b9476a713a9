package io.huitong.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import io.huitong.protocols.statements.StatementReader;

/** The statement resources of the control API, as a test calls them over HTTP. */
final class StatementHttp {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private StatementHttp() {
    }

    /** Today, as the parties' business date (Asia/Shanghai). */
    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    static HttpResponse<byte[]> get(Simulator sim, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code GET /control/statements/{channel}?date=}, which must answer 200. */
    static byte[] statement(Simulator sim, String channel, LocalDate date) throws Exception {
        HttpResponse<byte[]> response = get(sim, "/control/statements/" + channel + "?date=" + date);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        return response.body();
    }

    static HttpResponse<String> putFaults(Simulator sim, String channel, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.controlUrl() + "/control/statements/" + channel + "/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void clearFaults(Simulator sim, String... channels) throws Exception {
        for (String channel : channels) {
            assertThat(putFaults(sim, channel, "{}").statusCode()).isEqualTo(200);
        }
    }

    /** Every line a reader gives, after which the reader has checked the file's summary. */
    static <L> List<L> read(byte[] file, Function<InputStream, StatementReader<L>> open) {
        List<L> lines = new java.util.ArrayList<>();
        try (StatementReader<L> reader = open.apply(new ByteArrayInputStream(file))) {
            for (L line; (line = reader.next()) != null; ) {
                lines.add(line);
            }
        }
        return lines;
    }
}
