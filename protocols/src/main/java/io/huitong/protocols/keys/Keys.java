package io.huitong.protocols.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Keys as configuration and the operators' control APIs carry them: a PEM block or its bare base64
 * (PKCS#8 for private keys, X.509 SubjectPublicKeyInfo for public ones), and signatures in base64.
 * Nothing here logs or prints a key.
 */
public final class Keys {

    private Keys() {
    }

    /** The DER bytes of a PEM block ({@code -----BEGIN ...-----}) or of bare base64; whitespace is ignored. */
    public static byte[] der(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no key given");
        }
        String body = text.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key must be PEM or base64", e);
        }
    }

    public static PrivateKey privateKey(KeyFactory factory, String text) {
        try {
            return factory.generatePrivate(new PKCS8EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 " + factory.getAlgorithm() + " private key", e);
        }
    }

    public static PublicKey publicKey(KeyFactory factory, String text) {
        try {
            return factory.generatePublic(new X509EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 " + factory.getAlgorithm() + " public key", e);
        }
    }

    /** A public key as bare base64 of its X.509 encoding, as {@code GET /control/channels} shows it. */
    public static String text(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A private key as bare base64 of its PKCS#8 encoding (for configuration files, never for logs). */
    public static String text(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The base64 signature of {@code content} (UTF-8). */
    public static String sign(Signature signature, PrivateKey key, String content) {
        try {
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code base64} is a valid signature of {@code content} (UTF-8); false for anything malformed. */
    public static boolean verify(Signature signature, PublicKey key, String content, String base64) {
        if (content == null || base64 == null || base64.isBlank()) {
            return false;
        }
        try {
            signature.initVerify(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(base64.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
