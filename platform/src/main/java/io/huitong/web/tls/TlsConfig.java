package io.huitong.web.tls;

import java.nio.file.Path;
import java.time.Clock;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * HTTPS ({@code huitong.tls.*}, off by default). When on, the platform's listener speaks TLS on
 * {@code huitong.tls.port} and plain HTTP is closed, unless {@code huitong.tls.redirect-http} keeps the HTTP port
 * ({@code server.port}) open for redirects to HTTPS ({@link HttpsRedirectValve}). The key and certificate come from a
 * PKCS#12 file ({@link ProvidedKeyStore}) or, without one, from a self-signed development certificate in the data
 * directory ({@link DevelopmentCertificate}). HSTS is written by the security configuration, on HTTPS requests only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
class TlsConfig {

    private static final Logger log = LoggerFactory.getLogger(TlsConfig.class);

    /** The name of the listener's SSL bundle among Spring Boot's. */
    static final String BUNDLE = "huitong-https";

    /** The key and certificate are read (or generated) once, when the web server asks for its SSL bundle. */
    @Bean
    SslBundleRegistrar httpsBundle(TlsProperties tls, @Value("${huitong.data-dir}") String dataDir, Clock clock) {
        return registry -> {
            if (!tls.enabled()) {
                return;
            }
            ServerCertificate certificate = tls.keystore() != null
                    ? ProvidedKeyStore.load(tls, clock)
                    : DevelopmentCertificate.loadOrCreate(Path.of(dataDir), clock);
            log.info("HTTPS: {} with {}: {}, valid until {}, SHA-256 fingerprint {}", String.join(" and ", tls.protocols()),
                    certificate.source(), certificate.certificate().getSubjectX500Principal().getName(),
                    certificate.certificate().getNotAfter().toInstant(), certificate.fingerprint());
            if (tls.keystore() == null) {
                log.warn("HTTPS: the self-signed certificate is for development: clients must be told to trust it (curl --cacert {}); "
                        + "in production set HUITONG_TLS_KEYSTORE to the institution's certificate",
                        Path.of(dataDir).toAbsolutePath().normalize().resolve(DevelopmentCertificate.CERTIFICATE_FILE));
            }
            registry.registerBundle(BUNDLE, certificate.bundle(tls.protocols()));
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpsListener(TlsProperties tls) {
        return new HttpsListener(tls);
    }

    /**
     * Moves the listener to the HTTPS port and gives it the bundle; runs after Spring Boot's own customizers, which set
     * the port from {@code server.port} (then the HTTP port, for redirects).
     */
    static final class HttpsListener implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final TlsProperties tls;

        HttpsListener(TlsProperties tls) {
            this.tls = tls;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            if (!tls.enabled()) {
                return;
            }
            int httpPort = factory.getPort();
            factory.setPort(tls.port());
            factory.setSsl(Ssl.forBundle(BUNDLE));
            if (!tls.redirectHttp()) {
                return;
            }
            if (httpPort == tls.port() && httpPort != 0) {
                throw new IllegalStateException("HTTPS cannot start: huitong.tls.port and server.port (HUITONG_PORT) are both " + httpPort
                        + ", and huitong.tls.redirect-http needs the HTTP port apart from the HTTPS one");
            }
            Connector plain = new Connector(TomcatWebServerFactory.DEFAULT_PROTOCOL);
            plain.setPort(httpPort);
            plain.setRedirectPort(tls.port());
            if (factory.getAddress() != null) {
                plain.setProperty("address", factory.getAddress().getHostAddress());
            }
            factory.addAdditionalConnectors(plain);
            factory.addEngineValves(new HttpsRedirectValve());
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
