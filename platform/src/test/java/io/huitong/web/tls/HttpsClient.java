package io.huitong.web.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** A client of the platform over HTTPS that trusts exactly one certificate, as {@code curl --cacert} does. */
final class HttpsClient {

    private final HttpClient http;

    private HttpsClient(HttpClient http) {
        this.http = http;
    }

    /** Trusts {@code certificate} alone, with the JDK's default protocol versions (TLS 1.3 and 1.2). */
    static HttpsClient trusting(X509Certificate certificate) {
        return trusting(certificate, null);
    }

    /** Trusts {@code certificate} alone, and offers only {@code protocols} when not null. */
    static HttpsClient trusting(X509Certificate certificate, String[] protocols) {
        return trusting(certificate, protocols, null);
    }

    /** Trusts {@code certificate} alone, and offers only {@code protocols} and {@code cipherSuites} when not null. */
    static HttpsClient trusting(X509Certificate certificate, String[] protocols, String[] cipherSuites) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("server", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            HttpClient.Builder builder = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5));
            SSLParameters parameters = context.getDefaultSSLParameters();
            if (protocols != null) {
                parameters.setProtocols(protocols);
            }
            if (cipherSuites != null) {
                parameters.setCipherSuites(cipherSuites);
            }
            builder.sslParameters(parameters);
            return new HttpsClient(builder.build());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's own trust: public certificate authorities only. */
    static HttpsClient withDefaultTrust() {
        return new HttpsClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The certificate the server presented. */
    static X509Certificate served(HttpResponse<?> response) throws IOException {
        return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    static X509Certificate readPem(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
