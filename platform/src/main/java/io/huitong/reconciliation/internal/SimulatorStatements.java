package io.huitong.reconciliation.internal;

import io.huitong.reconciliation.StatementSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Statements from the channel simulator's statement API, {@code GET {base}/control/statements/{channel}?date=}: what
 * each simulated channel serves from its own book, faults included. The body is handed on as a stream, never read
 * whole.
 */
final class SimulatorStatements implements StatementSource {

    private final Supplier<Optional<String>> baseUrl;
    private final HttpClient http;
    private final Duration timeout;

    SimulatorStatements(Supplier<Optional<String>> baseUrl, Duration connectTimeout, Duration timeout) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
    }

    @Override
    public InputStream open(String channel, LocalDate businessDate) {
        String base = baseUrl.get().orElseThrow(() -> new StatementUnavailable("No statement source is configured"
                + " (huitong.reconciliation.statements-url): upload the statement instead.", false, null));
        URI uri = URI.create(base.replaceAll("/+$", "") + "/control/statements/" + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                + "?date=" + businessDate);
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new StatementUnavailable("The statement of " + channel + " could not be fetched: " + e.getClass().getSimpleName(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatementUnavailable("Interrupted while fetching the statement of " + channel, false, e);
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        try (InputStream ignored = response.body()) {
            // the error's body says nothing an operator needs: its status does
        } catch (IOException ignored) {
            // closing a response we give up on
        }
        boolean missing = response.statusCode() == 404;
        throw new StatementUnavailable(missing ? channel + " publishes no statement" : "The statement source answered " + response.statusCode()
                + " for " + channel + " " + businessDate, missing, null);
    }
}
