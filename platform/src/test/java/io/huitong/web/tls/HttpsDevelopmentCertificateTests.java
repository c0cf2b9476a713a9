package io.huitong.web.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.HuitongApplication;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.TestDatabase;
import io.huitong.testsupport.TestDatabaseLifecycle;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTPS on, without a keystore: the platform generates a self-signed certificate for localhost in its data directory
 * and serves the API with it over TLS 1.3 only, with HSTS; the HTTP port, kept open for redirects, sends browsers to
 * HTTPS and refuses everything else.
 */
@ExtendWith(TestDatabaseLifecycle.class)
@SpringBootTest(classes = HuitongApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"huitong.tls.enabled=true", "huitong.tls.port=0", "huitong.tls.redirect-http=true"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HttpsDevelopmentCertificateTests {

    static final TestDatabase DB = TestDatabase.h2();
    static final Path DATA_DIR = TlsTestFiles.temporaryDirectory("huitong-https-dev-");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        DB.register(registry);
        registry.add("huitong.data-dir", DATA_DIR::toString);
        registry.add("huitong.admin-key", () -> ApiTestSupport.ADMIN_KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theCertificateIsGeneratedInTheDataDirectoryForLocalhostWithItsKeyReadableByItsOwnerOnly() throws Exception {
        Path key = DATA_DIR.resolve("tls-localhost.key");
        X509Certificate certificate = HttpsClient.readPem(DATA_DIR.resolve("tls-localhost.crt"));

        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> name.get(1).toString()).toList())
                .containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(certificate.getBasicConstraints()).as("not a certificate authority").isEqualTo(-1);
    }

    @Test
    void aClientTrustingExactlyThatCertificateGetsTheApiOverTls13WithHsts() throws Exception {
        X509Certificate generated = HttpsClient.readPem(DATA_DIR.resolve("tls-localhost.crt"));
        HttpsClient client = HttpsClient.trusting(generated);

        HttpResponse<String> health = client.get("https://localhost:" + port + "/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
        assertThat(health.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(HttpsClient.served(health)).isEqualTo(generated);
        assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");

        HttpResponse<String> unauthenticated = client.get("https://127.0.0.1:" + port + "/v1/payments");
        JsonNode error = JSON.readTree(unauthenticated.body()).path("error");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(error.path("type").asString()).isEqualTo("authentication_error");
        assertThat(error.path("request_id").asString()).startsWith("req_");
        assertThat(unauthenticated.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");

        HttpResponse<String> operator = client.get("https://localhost:" + port + "/v1/admin/ledger/check",
                "Authorization", "Bearer " + ApiTestSupport.ADMIN_KEY);
        assertThat(operator.statusCode()).isEqualTo(200);
    }

    @Test
    void aClientOfferingOnlyTls12IsRefused() throws Exception {
        X509Certificate generated = HttpsClient.readPem(DATA_DIR.resolve("tls-localhost.crt"));
        HttpsClient tls12 = HttpsClient.trusting(generated, new String[]{"TLSv1.2"});

        assertThatThrownBy(() -> tls12.get("https://localhost:" + port + "/actuator/health")).isInstanceOf(SSLException.class);
    }

    @Test
    void aClientThatTrustsOnlyPublicAuthoritiesIsRefused() {
        assertThatThrownBy(() -> HttpsClient.withDefaultTrust().get("https://localhost:" + port + "/actuator/health"))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void theHttpPortSendsBrowsersToHttpsAndRefusesEverythingElse() throws IOException, InterruptedException {
        int httpPort = plainConnectors().getFirst().getLocalPort();
        HttpsClient plain = HttpsClient.withDefaultTrust();

        HttpResponse<String> page = plain.get("http://localhost:" + httpPort + "/docs/index.html?lang=zh");
        assertThat(page.statusCode()).isEqualTo(301);
        assertThat(page.headers().firstValue("Location")).hasValue("https://localhost:" + port + "/docs/index.html?lang=zh");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).as("never over plain HTTP").isEmpty();

        HttpResponse<String> payment = plain.post("http://localhost:" + httpPort + "/v1/payments", "{\"amount\":100}");
        assertThat(payment.statusCode()).isEqualTo(403);
        assertThat(payment.headers().firstValue("Location")).isEmpty();
        assertThat(JSON.readTree(payment.body()).path("error").path("code").asString()).isEqualTo("https_required");
    }

    private List<Connector> plainConnectors() {
        Connector[] connectors = ((TomcatWebServer) context.getWebServer()).getTomcat().getService().findConnectors();
        assertThat(connectors).hasSize(2);
        return Arrays.stream(connectors).filter(c -> !c.getSecure()).toList();
    }
}
