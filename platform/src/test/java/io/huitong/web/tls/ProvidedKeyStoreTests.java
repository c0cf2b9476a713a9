package io.huitong.web.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.testsupport.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's PKCS#12 file, and the settings of {@code huitong.tls.*}: what is wrong stops start-up with a sentence. */
class ProvidedKeyStoreTests {

    private static final String PASSWORD = "pw-Zq8!Lx3";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void theOnlyKeyOfTheFileIsServedWithoutAnAlias() {
        SelfSignedCertificates.Issued issued = SelfSignedCertificates.localhost(clock, Duration.ofDays(90));
        Path file = TlsTestFiles.pkcs12(dir.resolve("server.p12"), PASSWORD, Map.of("tomcat", issued));

        ServerCertificate loaded = ProvidedKeyStore.load(tls(file, PASSWORD, null), clock);

        assertThat(loaded.certificate()).isEqualTo(issued.certificate());
        assertThat(loaded.source()).contains(file.toString()).contains("tomcat");
    }

    @Test
    void aWrongPasswordIsNamedButNeverQuoted() {
        Path file = TlsTestFiles.pkcs12(dir.resolve("server.p12"), PASSWORD,
                Map.of("tomcat", SelfSignedCertificates.localhost(clock, Duration.ofDays(90))));

        assertThatThrownBy(() -> ProvidedKeyStore.load(tls(file, "not-the-password", null), clock))
                .hasMessageContaining("HUITONG_TLS_KEYSTORE_PASSWORD").hasMessageNotContaining("not-the-password")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aMissingFileSeveralKeysWithoutAnAliasOrAnUnknownAliasAreNamed() throws Exception {
        assertThatThrownBy(() -> ProvidedKeyStore.load(tls(dir.resolve("missing.p12"), PASSWORD, null), clock))
                .hasMessageContaining("missing.p12").hasMessageContaining("does not exist");

        Path two = TlsTestFiles.pkcs12(dir.resolve("two.p12"), PASSWORD, Map.of(
                "a", SelfSignedCertificates.localhost(clock, Duration.ofDays(90)), "b", SelfSignedCertificates.localhost(clock, Duration.ofDays(90))));
        assertThatThrownBy(() -> ProvidedKeyStore.load(tls(two, PASSWORD, null), clock)).hasMessageContaining("huitong.tls.key-alias");
        assertThatThrownBy(() -> ProvidedKeyStore.load(tls(two, PASSWORD, "c"), clock)).hasMessageContaining("no key under the alias c");

        Path notPkcs12 = Files.writeString(dir.resolve("server.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThatThrownBy(() -> ProvidedKeyStore.load(tls(notPkcs12, PASSWORD, null), clock)).hasMessageContaining("not a PKCS#12 file");
    }

    @Test
    void protocolsAreTls13ByDefaultTls12MayBeAddedAndNothingOlder() {
        assertThat(new TlsProperties(true, null, null, null, null, null, false, null, null).protocols()).containsExactly("TLSv1.3");
        assertThat(new TlsProperties(true, null, null, null, null, List.of("TLSv1.3", " TLSv1.2"), false, null, null).protocols())
                .containsExactly("TLSv1.3", "TLSv1.2");
        assertThatThrownBy(() -> new TlsProperties(true, null, null, null, null, List.of("TLSv1.3", "TLSv1.1"), false, null, null))
                .hasMessageContaining("TLSv1.1");
        assertThat(TlsProperties.CIPHERS).allMatch(c -> c.startsWith("TLS_AES_") || c.startsWith("TLS_CHACHA20_")
                || c.startsWith("TLS_ECDHE_") && (c.contains("_GCM_") || c.contains("_CHACHA20_")));
    }

    @Test
    void theSettingsNeverShowThePassword() {
        TlsProperties tls = tls(dir.resolve("server.p12"), PASSWORD, null);

        assertThat(tls.toString()).doesNotContain(PASSWORD).contains("server.p12");
        assertThat(tls.port()).isEqualTo(8443);
        assertThat(tls.hstsMaxAge()).isEqualTo(Duration.ofDays(365));
        assertThat(tls.hstsIncludeSubdomains()).isTrue();
    }

    private static TlsProperties tls(Path keystore, String password, String alias) {
        return new TlsProperties(true, null, keystore.toString(), password, alias, null, false, null, null);
    }
}
