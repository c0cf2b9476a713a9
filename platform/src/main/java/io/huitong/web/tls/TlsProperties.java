package io.huitong.web.tls;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code huitong.tls.*}: HTTPS.
 *
 * @param enabled               whether the platform listens for HTTPS; then plain HTTP is off unless {@code redirectHttp}
 * @param port                  the HTTPS port (8443)
 * @param keystore              a PKCS#12 file with the server's key and certificate chain; unset: a self-signed
 *                              certificate for localhost, generated in the data directory (for development)
 * @param keystorePassword      the PKCS#12 file's password, also the key's
 * @param keyAlias              the key's alias in the file; unset: the file's only key
 * @param protocols             TLS versions offered: {@code TLSv1.3} (the default) and {@code TLSv1.2}, nothing older
 * @param redirectHttp          whether the HTTP port ({@code server.port}) stays open to redirect browsers to HTTPS
 * @param hstsMaxAge            {@code Strict-Transport-Security}'s max-age on responses to HTTPS requests (365 days)
 * @param hstsIncludeSubdomains whether that header covers the host's subdomains too (true)
 */
@ConfigurationProperties("huitong.tls")
public record TlsProperties(boolean enabled, Integer port, String keystore, String keystorePassword, String keyAlias,
                            List<String> protocols, boolean redirectHttp, Duration hstsMaxAge, Boolean hstsIncludeSubdomains) {

    static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    /**
     * TLS 1.3's suites, then TLS 1.2's with forward secrecy and authenticated encryption only (used when an operator
     * adds TLSv1.2 for older clients): no CBC, no RSA key exchange, no SHA-1.
     */
    static final List<String> CIPHERS = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    public TlsProperties {
        port = port == null ? 8443 : port;
        keystore = blankToNull(keystore);
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
        keyAlias = blankToNull(keyAlias);
        protocols = protocols == null ? List.of() : protocols.stream().map(String::strip).filter(p -> !p.isEmpty()).distinct().toList();
        protocols = protocols.isEmpty() ? List.of("TLSv1.3") : protocols;
        hstsMaxAge = hstsMaxAge == null ? Duration.ofDays(365) : hstsMaxAge;
        hstsIncludeSubdomains = hstsIncludeSubdomains == null || hstsIncludeSubdomains;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("huitong.tls.port must be a port number (0-65535), not " + port);
        }
        for (String protocol : protocols) {
            if (!ALLOWED_PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("huitong.tls.protocols may hold TLSv1.3 and TLSv1.2 only, not " + protocol);
            }
        }
        if (hstsMaxAge.isNegative()) {
            throw new IllegalArgumentException("huitong.tls.hsts-max-age must not be negative");
        }
    }

    /** The password stays out of logs and error messages, as a record's own toString would print it. */
    @Override
    public String toString() {
        return "TlsProperties[enabled=" + enabled + ", port=" + port + ", keystore=" + keystore + ", keystorePassword="
                + (keystorePassword.isEmpty() ? "" : "(set)") + ", keyAlias=" + keyAlias + ", protocols=" + protocols
                + ", redirectHttp=" + redirectHttp + ", hstsMaxAge=" + hstsMaxAge + ", hstsIncludeSubdomains=" + hstsIncludeSubdomains + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
