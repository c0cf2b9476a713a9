package io.huitong.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestFingerprintTests {

    @Test
    void jsonIsComparedByContentNotByLayout() {
        assertThat(of("POST", "/v1/x", "{\"b\":{\"y\":1,\"x\":[2,1]},\"a\":\"s\"}"))
                .isEqualTo(of("POST", "/v1/x", " {\n \"a\" : \"s\", \"b\": {\"x\": [2, 1], \"y\": 1} } "));
    }

    @Test
    void anyDifferenceInMethodPathOrContentCounts() {
        String base = of("POST", "/v1/x", "{\"a\":1}");

        assertThat(of("POST", "/v1/y", "{\"a\":1}")).isNotEqualTo(base);
        assertThat(of("PUT", "/v1/x", "{\"a\":1}")).isNotEqualTo(base);
        assertThat(of("POST", "/v1/x", "{\"a\":2}")).isNotEqualTo(base);
        assertThat(of("POST", "/v1/x", "{\"a\":\"1\"}")).isNotEqualTo(base);
        assertThat(of("POST", "/v1/x", "{\"x\":[1,2]}")).isNotEqualTo(of("POST", "/v1/x", "{\"x\":[2,1]}"));
    }

    @Test
    void bodiesThatAreNotJsonAreComparedByBytes() {
        assertThat(of("POST", "/v1/x", "not json")).isEqualTo(of("POST", "/v1/x", "not json"));
        assertThat(of("POST", "/v1/x", "not json")).isNotEqualTo(of("POST", "/v1/x", "not  json"));
        assertThat(of("POST", "/v1/x", "")).hasSize(64);
    }

    private static String of(String method, String path, String body) {
        return RequestFingerprint.of(method, path, body.getBytes(StandardCharsets.UTF_8));
    }
}
