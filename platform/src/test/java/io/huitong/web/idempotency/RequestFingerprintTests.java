package io.huitong.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.vault.TestVaults;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RequestFingerprintTests {

    private static final RequestFingerprint FINGERPRINTS = new RequestFingerprint(TestVaults.withMasterKey(masterKey(1)));
    private static final String CARD_PAYMENT = "{\"amount\":1000,\"currency\":\"CNY\",\"payment_method\":{\"type\":\"card\","
            + "\"card\":{\"number\":\"4111110000000011\",\"exp_month\":12,\"exp_year\":2035,\"cvc\":\"123\"}}}";

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
        assertThat(of("POST", "/v1/x", "{\"a\":1,\"b\":null}")).isNotEqualTo(base);
        assertThat(of("POST", "/v1/x", "{\"x\":[1,2]}")).isNotEqualTo(of("POST", "/v1/x", "{\"x\":[2,1]}"));
        assertThat(of("POST", "/v1/x", CARD_PAYMENT)).isNotEqualTo(of("POST", "/v1/x", CARD_PAYMENT.replace("4111110000000011", "4111110000000029")));
    }

    @Test
    void bodiesThatAreNotJsonAreComparedByBytes() {
        assertThat(of("POST", "/v1/x", "not json")).isEqualTo(of("POST", "/v1/x", "not json"));
        assertThat(of("POST", "/v1/x", "not json")).isNotEqualTo(of("POST", "/v1/x", "not  json"));
        assertThat(of("POST", "/v1/x", "")).hasSize(64);
        assertThat(of("POST", "/v1/x", "  ")).isNotEqualTo(of("POST", "/v1/x", ""));
    }

    @Test
    void theFingerprintIsKeyedAndNoHashOfTheRequestAnyoneCouldRecompute() {
        String fingerprint = of("POST", "/v1/payments", CARD_PAYMENT);
        String sorted = "{\"amount\":1000,\"currency\":\"CNY\",\"payment_method\":{\"card\":{\"cvc\":\"123\",\"exp_month\":12,"
                + "\"exp_year\":2035,\"number\":\"4111110000000011\"},\"type\":\"card\"}}";

        assertThat(fingerprint).matches("[0-9a-f]{64}");
        for (String candidate : new String[] {CARD_PAYMENT, sorted, sorted.replace("\"cvc\":\"123\",", "")}) {
            assertThat(fingerprint).isNotEqualTo(sha256("POST /v1/payments\n" + candidate)).isNotEqualTo(sha256(candidate));
        }
    }

    @Test
    void anotherMasterKeyGivesAnotherFingerprint() {
        RequestFingerprint otherKey = new RequestFingerprint(TestVaults.withMasterKey(masterKey(2)));
        RequestFingerprint sameKey = new RequestFingerprint(TestVaults.withMasterKey(masterKey(1)));
        byte[] body = CARD_PAYMENT.getBytes(StandardCharsets.UTF_8);

        assertThat(otherKey.of("POST", "/v1/payments", body).value()).isNotEqualTo(of("POST", "/v1/payments", CARD_PAYMENT));
        assertThat(sameKey.of("POST", "/v1/payments", body).value()).isEqualTo(of("POST", "/v1/payments", CARD_PAYMENT));
    }

    @Test
    void cvcsAreLeftOutWhereverTheyAre() {
        assertThat(of("POST", "/v1/payments", CARD_PAYMENT))
                .isEqualTo(of("POST", "/v1/payments", CARD_PAYMENT.replace("\"cvc\":\"123\"", "\"cvc\":\"987\"")))
                .isEqualTo(of("POST", "/v1/payments", CARD_PAYMENT.replace(",\"cvc\":\"123\"", "")));
        assertThat(of("POST", "/v1/x", "{\"cards\":[{\"n\":1,\"cvc\":\"123\"}],\"CVC\":\"1234\",\"a\":{\"b\":{\"Cvc\":1}}}"))
                .isEqualTo(of("POST", "/v1/x", "{\"cards\":[{\"n\":1}],\"a\":{\"b\":{}}}"));
        assertThat(of("POST", "/v1/x", "{\"cvc2\":\"123\"}")).as("only cvc itself").isNotEqualTo(of("POST", "/v1/x", "{}"));
    }

    @Test
    void aStoredKeyIsTheSameRequestAccordingToHowItsFingerprintWasMade() {
        RequestFingerprint.Presented request = FINGERPRINTS.of("POST", "/v1/x", "{\"b\":[2,1],\"a\":1}".getBytes(StandardCharsets.UTF_8));
        RequestFingerprint.Presented other = FINGERPRINTS.of("POST", "/v1/x", "{\"b\":[1,2],\"a\":1}".getBytes(StandardCharsets.UTF_8));
        // as a release before V17 stored it: SHA-256 of "POST /v1/x\n{"a":1,"b":[2,1]}"
        String unkeyed = "f88d90693b5c77c91414f164a0b2a5d524f0ea5b3a484d3c014cdfc831a668e4";

        assertThat(request.sameAs(RequestFingerprint.KEYED, request.value())).isTrue();
        assertThat(other.sameAs(RequestFingerprint.KEYED, request.value())).isFalse();
        assertThat(request.sameAs(RequestFingerprint.UNKEYED, unkeyed)).isTrue();
        assertThat(other.sameAs(RequestFingerprint.UNKEYED, unkeyed)).isFalse();
        assertThat(other.sameAs(RequestFingerprint.ERASED, RequestFingerprint.ERASED_MARK)).as("nothing left to compare").isTrue();
        assertThat(request.sameAs(3, request.value())).as("a format this release does not know").isFalse();
    }

    @Test
    void anUnkeyedFingerprintOfACardPaymentKeepsItsCvc() {
        RequestFingerprint.Presented payment = FINGERPRINTS.of("POST", "/v1/x",
                "{\"card\":{\"number\":\"4242424242424242\",\"cvc\":\"123\"}}".getBytes(StandardCharsets.UTF_8));
        RequestFingerprint.Presented otherCvc = FINGERPRINTS.of("POST", "/v1/x",
                "{\"card\":{\"number\":\"4242424242424242\",\"cvc\":\"124\"}}".getBytes(StandardCharsets.UTF_8));
        // SHA-256 of "POST /v1/x\n{"card":{"cvc":"123","number":"4242424242424242"}}"
        String unkeyed = "e829123c33b7f1a6297bcd5426c6e771881aae8315f622f6bcfcb888e8e58e4d";

        assertThat(payment.sameAs(RequestFingerprint.UNKEYED, unkeyed)).isTrue();
        assertThat(otherCvc.sameAs(RequestFingerprint.UNKEYED, unkeyed)).isFalse();
        assertThat(otherCvc.value()).isEqualTo(payment.value());
    }

    private static String of(String method, String path, String body) {
        return FINGERPRINTS.of(method, path, body.getBytes(StandardCharsets.UTF_8)).value();
    }

    private static byte[] masterKey(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
