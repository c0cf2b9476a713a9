package io.huitong.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        for (JsonNode channel : json.readTree(send(HttpRequest.newBuilder(URI.create(url)).GET(), url))) {
            if (protocol.equals(channel.path("protocol").asString()) && !channel.path("url").asString("").isBlank()) {
                return channel.path("url").asString();
            }
        }
        throw new IllegalStateException("the channel simulator at " + url + " lists no " + protocol + " party");
    }

    /** A simulated party's entry in {@code GET /control/channels} (its {@code url}, {@code public_key}, ...). */
    JsonNode party(String baseUrl, String name) {
        String url = baseUrl.replaceAll("/+$", "") + "/control/channels";
        for (JsonNode channel : json.readTree(send(HttpRequest.newBuilder(URI.create(url)).GET(), url))) {
            if (name.equals(channel.path("name").asString())) {
                return channel;
            }
        }
        throw new IllegalStateException("the channel simulator at " + url + " lists no channel named " + name);
    }

    /** Registers a merchant app's public key with a simulated operator ({@code PUT /control/channels/{name}/apps/{app}}). */
    void register(String baseUrl, String name, String appId, String publicKey) {
        String url = baseUrl.replaceAll("/+$", "") + "/control/channels/" + name + "/apps/" + appId;
        send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("public_key", publicKey)))), url);
    }

    private String send(HttpRequest.Builder request, String url) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the channel simulator at " + url + " could not be reached (" + e.getMessage()
                    + "); start it or check HUITONG_SIMULATOR_URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the channel simulator at " + url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
