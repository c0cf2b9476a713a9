package io.huitong.consumers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The TOTP arithmetic against RFC 6238's test vectors (SHA-1, the last six of the eight digits). */
class MfaTotpTests {

    private final TotpAuthenticator totp = new TotpAuthenticator(null, null, null, null, null, null);
    private final String secret = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void rfc6238Vectors() {
        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(totp.matchingStep(secret, "287082", Instant.ofEpochSecond(59))).hasValue(1);
        assertThat(totp.matchingStep(secret, "081804", Instant.ofEpochSecond(1111111109))).hasValue(1111111109 / 30);
        assertThat(totp.matchingStep(secret, "050471", Instant.ofEpochSecond(1111111111))).hasValue(1111111111 / 30);
        assertThat(totp.matchingStep(secret, "005924", Instant.ofEpochSecond(1234567890))).hasValue(1234567890 / 30);
    }

    @Test
    void aNeighbouringStepIsAcceptedAndNothingFurther() {
        assertThat(totp.matchingStep(secret, "287082", Instant.ofEpochSecond(59 + 30))).hasValue(1);
        assertThat(totp.matchingStep(secret, "287082", Instant.ofEpochSecond(59 - 30))).hasValue(1);
        assertThat(totp.matchingStep(secret, "287082", Instant.ofEpochSecond(59 + 60))).isEmpty();
        assertThat(totp.matchingStep(secret, "28708", Instant.ofEpochSecond(59))).isEmpty();
    }

    @Test
    void base32RoundTrips() {
        byte[] bytes = {0, 1, 2, (byte) 0xFF, 0x7F, 42, 9};
        assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    }
}
