package io.huitong.web.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The key and certificate chain the HTTPS listener presents, held in a key store of its own in memory (under a random
 * password that lives nowhere else), and where they came from.
 */
final class ServerCertificate {

    static final String ALIAS = "server";

    private final KeyStore keyStore;
    private final String password;
    private final X509Certificate certificate;
    private final String source;

    private ServerCertificate(KeyStore keyStore, String password, X509Certificate certificate, String source) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
        this.source = source;
    }

    static ServerCertificate of(PrivateKey key, X509Certificate[] chain, String source) {
        try {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password.toCharArray(), chain);
            return new ServerCertificate(store, password, chain[0], source);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the server's key in memory", e);
        }
    }

    /** The server's own certificate (the first of its chain). */
    X509Certificate certificate() {
        return certificate;
    }

    /** Where the key and certificate came from: a file, or a generated development certificate. */
    String source() {
        return source;
    }

    /** The SHA-256 fingerprint of the server's certificate, as {@code openssl x509 -fingerprint -sha256} prints it. */
    String fingerprint() {
        return fingerprint(certificate);
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    /** The TLS configuration of the listener: this key, the given protocol versions, and strong cipher suites only. */
    SslBundle bundle(List<String> protocols) {
        SslOptions options = SslOptions.of(TlsProperties.CIPHERS.toArray(String[]::new), protocols.toArray(String[]::new));
        return SslBundle.of(SslStoreBundle.of(keyStore, password, null), SslBundleKey.of(password, ALIAS), options);
    }

    /** The certificate as PEM, the form {@code curl --cacert} and browsers import. */
    static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public String toString() {
        return "ServerCertificate[" + certificate.getSubjectX500Principal().getName() + ", SHA-256 " + fingerprint() + ", from " + source + "]";
    }
}
