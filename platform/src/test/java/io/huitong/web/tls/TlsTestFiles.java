package io.huitong.web.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;

/** Files the HTTPS tests start the platform with. */
final class TlsTestFiles {

    private TlsTestFiles() {
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PKCS#12 file, as {@code openssl pkcs12 -export} or {@code keytool} writes one, with these keys under their aliases. */
    static Path pkcs12(Path file, String password, Map<String, SelfSignedCertificates.Issued> keys) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (Map.Entry<String, SelfSignedCertificates.Issued> key : keys.entrySet()) {
                store.setKeyEntry(key.getKey(), key.getValue().keys().getPrivate(), password.toCharArray(),
                        new X509Certificate[]{key.getValue().certificate()});
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
