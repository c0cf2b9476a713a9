package io.huitong.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a running simulator's channels from its control API ({@code GET /control/channels}), so that one
 * setting ({@code HUITONG_SIMULATOR_URL}) points every connector at it.
 */
final class SimulatorDirectory {

    private final JsonMapper json;
    private final HttpClient http;

    SimulatorDirectory(JsonMapper json, Duration timeout) {
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The simulator's ISO 8583 acquirers, in the order it lists them; fails with one clear sentence. */
    List<ChannelsProperties.Acquirer> cardAcquirers(String baseUrl) {
        String url = baseUrl.replaceAll("/+$", "") + "/control/channels";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the channel simulator at " + url + " could not be reached (" + e.getMessage()
                    + "); start it or check HUITONG_SIMULATOR_URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the channel simulator at " + url + " answered " + response.statusCode());
        }
        List<ChannelsProperties.Acquirer> acquirers = new ArrayList<>();
        for (JsonNode channel : json.readTree(response.body())) {
            if ("iso8583".equals(channel.path("protocol").asString())) {
                acquirers.add(new ChannelsProperties.Acquirer(channel.path("name").asString(), channel.path("host").asString(),
                        channel.path("port").asInt()));
            }
        }
        if (acquirers.isEmpty()) {
            throw new IllegalStateException("the channel simulator at " + url + " lists no ISO 8583 acquirer");
        }
        return acquirers;
    }

    /** The base URL of the simulator's first HTTP party speaking {@code protocol} (such as {@code iso20022}); fails with one clear sentence. */
    String httpPartyUrl(String baseUrl, String protocol) {
        String url = baseUrl.replaceAll("/+$", "") + "/control/channels";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the channel simulator at " + url + " could not be reached (" + e.getMessage()
                    + "); start it or check HUITONG_SIMULATOR_URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the channel simulator at " + url + " answered " + response.statusCode());
        }
        for (JsonNode channel : json.readTree(response.body())) {
            if (protocol.equals(channel.path("protocol").asString()) && !channel.path("url").asString("").isBlank()) {
                return channel.path("url").asString();
            }
        }
        throw new IllegalStateException("the channel simulator at " + url + " lists no " + protocol + " party");
    }
}
