package io.huitong.web.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.testsupport.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development certificate in the data directory: generated once, reused, renewed before it expires. */
class DevelopmentCertificateTests {

    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void isGeneratedForAYearFromTheClockAndKeptOwnerOnly() throws Exception {
        ServerCertificate generated = DevelopmentCertificate.loadOrCreate(dataDir, clock);

        assertThat(generated.certificate().getNotAfter().toInstant()).isEqualTo(clock.instant().plus(Duration.ofDays(365)));
        assertThat(generated.certificate().getNotBefore().toInstant()).isBefore(clock.instant());
        assertThat(generated.source()).contains("generated now");
        assertThat(HttpsClient.readPem(dataDir.resolve(DevelopmentCertificate.CERTIFICATE_FILE))).isEqualTo(generated.certificate());
        assertThat(Files.getPosixFilePermissions(dataDir.resolve(DevelopmentCertificate.KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no temporary file left behind")
                    .containsExactlyInAnyOrder(DevelopmentCertificate.CERTIFICATE_FILE, DevelopmentCertificate.KEY_FILE);
        }
    }

    @Test
    void laterStartsReuseItAndMakeItsKeyOwnerOnlyAgain() throws Exception {
        ServerCertificate first = DevelopmentCertificate.loadOrCreate(dataDir, clock);
        Path key = dataDir.resolve(DevelopmentCertificate.KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        clock.advance(Duration.ofDays(300));

        ServerCertificate again = DevelopmentCertificate.loadOrCreate(dataDir, clock);

        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(again.source()).contains("kept from an earlier start");
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void isReplacedAMonthBeforeItExpires() {
        ServerCertificate first = DevelopmentCertificate.loadOrCreate(dataDir, clock);
        clock.advance(Duration.ofDays(340));

        ServerCertificate renewed = DevelopmentCertificate.loadOrCreate(dataDir, clock);

        assertThat(renewed.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(renewed.certificate().getNotAfter().toInstant()).isEqualTo(clock.instant().plus(Duration.ofDays(365)));
        assertThat(DevelopmentCertificate.loadOrCreate(dataDir, clock).fingerprint()).isEqualTo(renewed.fingerprint());
    }

    @Test
    void isReplacedWhenItsKeyIsDamagedOrBelongsToAnotherCertificate() throws Exception {
        ServerCertificate first = DevelopmentCertificate.loadOrCreate(dataDir, clock);
        Path key = dataDir.resolve(DevelopmentCertificate.KEY_FILE);
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

        ServerCertificate second = DevelopmentCertificate.loadOrCreate(dataDir, clock);
        assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());

        SelfSignedCertificates.Issued other = SelfSignedCertificates.localhost(clock, Duration.ofDays(365));
        DevelopmentCertificate.writeOwnerOnly(key, ServerCertificate.pem("PRIVATE KEY", other.keys().getPrivate().getEncoded()));
        ServerCertificate third = DevelopmentCertificate.loadOrCreate(dataDir, clock);
        assertThat(third.fingerprint()).isNotIn(first.fingerprint(), second.fingerprint(), ServerCertificate.fingerprint(other.certificate()));
    }

    @Test
    void aCertificateNotYetValidByTheClockIsReplaced() {
        ServerCertificate first = DevelopmentCertificate.loadOrCreate(dataDir, clock);
        clock.setTo(Instant.parse("2025-06-01T00:00:00Z"));

        assertThat(DevelopmentCertificate.loadOrCreate(dataDir, clock).fingerprint()).isNotEqualTo(first.fingerprint());
    }
}
