package io.huitong.web.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.HuitongApplication;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestDatabase;
import io.huitong.testsupport.TestDatabaseLifecycle;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * HTTPS with the operator's PKCS#12 file: the key it names is served, nothing is generated, the certificate's
 * fingerprint is logged and the password never is; plain HTTP is closed. TLS 1.2, added here for older clients, comes
 * with forward-secret AEAD cipher suites only.
 */
@ExtendWith({OutputCaptureExtension.class, TestDatabaseLifecycle.class})
@SpringBootTest(classes = HuitongApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"huitong.tls.enabled=true", "huitong.tls.port=0", "huitong.tls.key-alias=current",
                "huitong.tls.protocols=TLSv1.3,TLSv1.2", "huitong.tls.hsts-max-age=1d", "huitong.tls.hsts-include-subdomains=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HttpsProvidedKeyStoreTests {

    static final TestDatabase DB = TestDatabase.h2();
    static final Path DIR = TlsTestFiles.temporaryDirectory("huitong-https-keystore-");
    static final String PASSWORD = "kS-7vQ2!pLm9#xR4";
    static final SelfSignedCertificates.Issued PREVIOUS = SelfSignedCertificates.localhost(Clock.systemUTC(), Duration.ofDays(30));
    static final SelfSignedCertificates.Issued CURRENT = SelfSignedCertificates.localhost(Clock.systemUTC(), Duration.ofDays(90));

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        DB.register(registry);
        Map<String, SelfSignedCertificates.Issued> keys = new LinkedHashMap<>();
        keys.put("previous", PREVIOUS);
        keys.put("current", CURRENT);
        Path keystore = TlsTestFiles.pkcs12(DIR.resolve("institution.p12"), PASSWORD, keys);
        registry.add("huitong.data-dir", () -> DIR.resolve("data").toString());
        registry.add("huitong.admin-key", () -> ApiTestSupport.ADMIN_KEY);
        registry.add("huitong.tls.keystore", keystore::toString);
        registry.add("huitong.tls.keystore-password", () -> PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theKeyTheKeystoreNamesIsServedAndNothingIsGenerated(CapturedOutput output) throws Exception {
        HttpResponse<String> health = HttpsClient.trusting(CURRENT.certificate()).get("https://localhost:" + port + "/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(HttpsClient.served(health)).isEqualTo(CURRENT.certificate());
        assertThat(health.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=86400");
        assertThat(Files.exists(DIR.resolve("data").resolve(DevelopmentCertificate.KEY_FILE))).isFalse();
        assertThat(Files.exists(DIR.resolve("data").resolve(DevelopmentCertificate.CERTIFICATE_FILE))).isFalse();

        Connector[] connectors = ((TomcatWebServer) context.getWebServer()).getTomcat().getService().findConnectors();
        assertThat(connectors).as("no plain HTTP listener").singleElement().satisfies(connector -> assertThat(connector.getSecure()).isTrue());
        assertThat(output.getAll()).contains(ServerCertificate.fingerprint(CURRENT.certificate())).doesNotContain(PASSWORD);
    }

    @Test
    void tls12ClientsGetAStrongCipherSuiteOrNothing() throws Exception {
        HttpResponse<String> tls12 = HttpsClient.trusting(CURRENT.certificate(), new String[]{"TLSv1.2"})
                .get("https://localhost:" + port + "/actuator/health");
        assertThat(tls12.statusCode()).isEqualTo(200);
        assertThat(tls12.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(tls12.sslSession().orElseThrow().getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_").containsAnyOf("_GCM_", "_CHACHA20_");

        HttpsClient cbcOnly = HttpsClient.trusting(CURRENT.certificate(), new String[]{"TLSv1.2"},
                new String[]{"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"});
        assertThatThrownBy(() -> cbcOnly.get("https://localhost:" + port + "/actuator/health")).isInstanceOf(SSLException.class);
    }
}
