package io.huitong.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for black-box tests of the running platform. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    /** The address of the platform this client calls, such as {@code http://localhost:8080}. */
    public String base() {
        return base;
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The contract's error body: {@code error.<field>}. */
        public String error(String field) {
            JsonNode value = json().path("error").path(field);
            return value.isNull() || value.isMissingNode() ? null : value.asString();
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    public Response get(String path, String... headers) {
        return send(request(path).GET().headers(headers(headers)).build());
    }

    public Response postJson(String path, String body, String... headers) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .headers(headers(headers))
                .build());
    }

    /** A download: the status, headers and the body's bytes. */
    public record Download(int status, HttpHeaders headers, byte[] body) {
    }

    public Download download(String path, String... headers) {
        try {
            HttpResponse<byte[]> response = http.send(request(path).GET().headers(headers(headers)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Response putJson(String path, String body, String... headers) {
        return send(request(path)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .headers(headers(headers))
                .build());
    }

    /** A form post, as banks and wallet operators send their notifications. */
    public Response postForm(String path, String body, String... headers) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .headers(headers(headers))
                .build());
    }

    public Response delete(String path, String... headers) {
        return send(request(path).DELETE().headers(headers(headers)).build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static String bearer(String key) {
        return "Bearer " + key;
    }

    // HttpRequest.Builder.headers() rejects an empty array
    private static String[] headers(String[] headers) {
        return headers.length == 0 ? new String[] {"Accept", "application/json"} : headers;
    }
}
