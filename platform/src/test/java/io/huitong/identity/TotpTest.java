package io.huitong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** TOTP against the test vectors of RFC 6238 (appendix B, SHA-1, the last 6 digits), the drift window and replays. */
class TotpTest {

    private static final String SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private final Totp totp = Totp.sha1();

    @Test
    void theRfcTestVectors() {
        assertThat(SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        String[][] vectors = {{"59", "287082"}, {"1111111109", "081804"}, {"1111111111", "050471"}, {"1234567890", "005924"},
                {"2000000000", "279037"}, {"20000000000", "353130"}};
        for (String[] v : vectors) {
            Instant at = Instant.ofEpochSecond(Long.parseLong(v[0]));
            assertThat(totp.verify(SECRET, v[1], at, Long.MIN_VALUE)).as(v[0]).hasValue(at.getEpochSecond() / 30);
            assertThat(totp.codeAt(SECRET, at)).as("the code an app shows at " + v[0]).isEqualTo(v[1]);
        }
    }

    @Test
    void oneStepOfDriftEitherWayAndNoReplay() {
        Instant at = Instant.ofEpochSecond(1111111109);
        long step = at.getEpochSecond() / 30;
        assertThat(totp.verify(SECRET, "081804", at.plusSeconds(30), Long.MIN_VALUE)).hasValue(step);
        assertThat(totp.verify(SECRET, "081804", at.minusSeconds(30), Long.MIN_VALUE)).hasValue(step);
        assertThat(totp.verify(SECRET, "081804", at.plusSeconds(90), Long.MIN_VALUE)).isEmpty();
        assertThat(totp.verify(SECRET, "081804", at, step)).as("used already").isEmpty();
        assertThat(totp.verify(SECRET, "081 804", at, step - 1)).hasValue(step);
        assertThat(totp.verify(SECRET, "08180", at, Long.MIN_VALUE)).isEmpty();
        assertThat(totp.verify(SECRET, null, at, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void base32RoundTripsAndSecretsAre160Bits() {
        byte[] bytes = {0, 1, 2, (byte) 0xFF, 0x7F, 42, 9};
        assertThat(Totp.unbase32(Totp.base32(bytes))).isEqualTo(bytes);
        assertThat(Totp.unbase32(Totp.newSecret())).hasSize(20);
        assertThat(Totp.uri("ABC", "ana@example.com"))
                .isEqualTo("otpauth://totp/Huitong%3Aana%40example.com?secret=ABC&issuer=Huitong&algorithm=SHA1&digits=6&period=30");
    }
}
