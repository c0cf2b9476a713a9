package io.huitong.web.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development certificate, served when HTTPS is on without a keystore: a self-signed certificate for localhost,
 * 127.0.0.1 and ::1, kept in the data directory as {@value #CERTIFICATE_FILE} (what clients are told to trust) and
 * {@value #KEY_FILE} (its private key, PKCS#8 PEM, readable by its owner only). Later starts reuse it while it is valid
 * for at least {@link #RENEW_BEFORE} more; then, or when the files are missing, unreadable or do not belong together,
 * a new one replaces it.
 */
final class DevelopmentCertificate {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentCertificate.class);

    static final String CERTIFICATE_FILE = "tls-localhost.crt";
    static final String KEY_FILE = "tls-localhost.key";
    static final Duration VALIDITY = Duration.ofDays(365);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String KEY_PEM_TYPE = "PRIVATE KEY";

    private DevelopmentCertificate() {
    }

    static ServerCertificate loadOrCreate(Path dataDir, Clock clock) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        try {
            Optional<SelfSignedCertificates.Issued> kept = read(certificateFile, keyFile, clock);
            if (kept.isPresent()) {
                ownerOnly(keyFile);
                return ServerCertificate.of(kept.get().keys().getPrivate(), new X509Certificate[]{kept.get().certificate()},
                        "the self-signed development certificate " + certificateFile + ", kept from an earlier start");
            }
            SelfSignedCertificates.Issued issued = SelfSignedCertificates.localhost(clock, VALIDITY);
            Files.createDirectories(dir);
            // the key first: a certificate without its key is never left behind, and the pair is checked when read back
            writeOwnerOnly(keyFile, ServerCertificate.pem(KEY_PEM_TYPE, issued.keys().getPrivate().getEncoded()));
            writeOwnerOnly(certificateFile, ServerCertificate.pem(issued.certificate()));
            return ServerCertificate.of(issued.keys().getPrivate(), new X509Certificate[]{issued.certificate()},
                    "the self-signed development certificate " + certificateFile + ", generated now");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development certificate in " + dir, e);
        }
    }

    private static Optional<SelfSignedCertificates.Issued> read(Path certificateFile, Path keyFile, Clock clock) {
        if (!Files.isRegularFile(certificateFile) || !Files.isRegularFile(keyFile)) {
            return Optional.empty();
        }
        X509Certificate certificate;
        PrivateKey key;
        try (InputStream in = Files.newInputStream(certificateFile)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII)
                    .replace("-----BEGIN " + KEY_PEM_TYPE + "-----", "").replace("-----END " + KEY_PEM_TYPE + "-----", "").strip());
            key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!belongTogether(key, certificate)) {
                log.warn("HTTPS: {} and {} do not belong together: a new development certificate replaces them", certificateFile, keyFile);
                return Optional.empty();
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // the exception's class only: its message could quote what was read
            log.warn("HTTPS: the development certificate {} or its key cannot be read ({}): a new one replaces it",
                    certificateFile, e.getClass().getSimpleName());
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(now.plus(RENEW_BEFORE)) || certificate.getNotBefore().toInstant().isAfter(now)) {
            log.info("HTTPS: the development certificate {} is valid until {}: a new one replaces it (clients must trust the new one)",
                    certificateFile, notAfter);
            return Optional.empty();
        }
        return Optional.of(new SelfSignedCertificates.Issued(new KeyPair(certificate.getPublicKey(), key), certificate));
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    static boolean belongTogether(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        return verifier.verify(signature);
    }

    /** Writes the file whole or not at all, readable and writable by its owner only (0600) where the file system says so. */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path dir = file.getParent();
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly);
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A key file left readable by others (copied, restored from a backup) is made its owner's alone again. */
    private static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
