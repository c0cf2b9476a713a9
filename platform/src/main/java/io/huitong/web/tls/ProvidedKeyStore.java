package io.huitong.web.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's certificate: a PKCS#12 file ({@code huitong.tls.keystore}) holding the server's private key and its
 * certificate chain, under {@code huitong.tls.keystore-password}. What is wrong with it stops start-up with a sentence
 * saying so (never quoting the password); a certificate that expires soon, or has, is warned about at every start.
 */
final class ProvidedKeyStore {

    private static final Logger log = LoggerFactory.getLogger(ProvidedKeyStore.class);

    static final Duration WARN_BEFORE = Duration.ofDays(30);

    private ProvidedKeyStore() {
    }

    static ServerCertificate load(TlsProperties tls, Clock clock) {
        Path file = Path.of(tls.keystore()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw problem(file, "does not exist or is not a file");
        }
        char[] password = tls.keystorePassword().toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw problem(file, "cannot be opened: it is not a PKCS#12 file, or huitong.tls.keystore-password (HUITONG_TLS_KEYSTORE_PASSWORD)"
                    + " is not its password");
        }
        try {
            String alias = alias(store, tls.keyAlias(), file);
            Key key = store.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw problem(file, "holds no private key under the alias " + alias);
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                throw problem(file, "holds no X.509 certificate for the key " + alias);
            }
            X509Certificate[] certificates = new X509Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                certificates[i] = (X509Certificate) chain[i];
            }
            warnAboutValidity(certificates[0], file, clock.instant());
            return ServerCertificate.of(privateKey, certificates, "the keystore " + file + " (key " + alias + ")");
        } catch (GeneralSecurityException e) {
            throw problem(file, "holds a key that its password does not open: the key's password must be the file's");
        }
    }

    private static String alias(KeyStore store, String wanted, Path file) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (wanted != null) {
            if (!keys.contains(wanted)) {
                throw problem(file, "holds no key under the alias " + wanted + " (huitong.tls.key-alias); its keys: " + keys);
            }
            return wanted;
        }
        if (keys.size() != 1) {
            throw problem(file, keys.isEmpty() ? "holds no private key" : "holds several keys " + keys + ": name one with huitong.tls.key-alias");
        }
        return keys.getFirst();
    }

    private static void warnAboutValidity(X509Certificate certificate, Path file, Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        if (notAfter.isBefore(now)) {
            log.warn("HTTPS: the certificate in {} expired at {}: clients refuse it; replace it", file, notAfter);
        } else if (notBefore.isAfter(now)) {
            log.warn("HTTPS: the certificate in {} is valid only from {}: clients refuse it until then", file, notBefore);
        } else if (notAfter.isBefore(now.plus(WARN_BEFORE))) {
            log.warn("HTTPS: the certificate in {} expires at {}: renew it", file, notAfter);
        }
    }

    private static IllegalStateException problem(Path file, String what) {
        return new IllegalStateException("HTTPS cannot start: the keystore " + file + " (huitong.tls.keystore) " + what + ".");
    }
}
