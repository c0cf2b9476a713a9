package io.huitong.audit.internal;

import io.huitong.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * SM2 signatures (GB/T 32918, SM3withSM2) over a day's head. The private key is kept sealed by the vault;
 * the public key in clear, so that anyone can check a seal, offline too.
 */
final class SealSigner {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final String ALGORITHM = "SM3withSM2";

    private SealSigner() {
    }

    /** A new key under {@code id}: its private half sealed by {@code vault}. */
    static AuditStore.SealKey newKey(String id, Vault vault) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("sm2p256v1"));
            KeyPair pair = generator.generateKeyPair();
            String privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            return new AuditStore.SealKey(id, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                    vault.seal(privateKey, context(id)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an SM2 key", e);
        }
    }

    /** The text a seal signs: it binds the date, the place in the chain, its hash and the hash algorithm. */
    static byte[] message(LocalDate businessDate, long seq, String hash, String algorithm) {
        return ("huitong-audit-seal\n" + businessDate + "\n" + seq + "\n" + hash + "\n" + algorithm).getBytes(StandardCharsets.UTF_8);
    }

    static String sign(AuditStore.SealKey key, Vault vault, byte[] message) {
        try {
            byte[] encoded = Base64.getDecoder().decode(vault.open(key.privateKeySealed(), context(key.id())));
            PrivateKey privateKey = KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(encoded));
            Signature signature = Signature.getInstance(ALGORITHM, BC);
            signature.initSign(privateKey);
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the seal", e);
        }
    }

    /** Whether {@code signature} (base64) is the signature of {@code message} under {@code publicKey} (base64 X.509); never throws. */
    static boolean verify(String publicKey, byte[] message, String signature) {
        if (publicKey == null || signature == null) {
            return false;
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            Signature check = Signature.getInstance(ALGORITHM, BC);
            check.initVerify(key);
            check.update(message);
            return check.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String context(String keyId) {
        return "audit_seal_key:" + keyId;
    }
}
