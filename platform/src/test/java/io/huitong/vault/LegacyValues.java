package io.huitong.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Values as the platform sealed them before the keyring, directly under its master key: fixtures the earlier release
 * wrote, and that release's sealing, so tests can put such values where the platform keeps sealed data.
 */
public final class LegacyValues {

    /** The earlier release's master key of the fixtures: bytes 0x40 to 0x5f. */
    public static final String KEY_BASE64 = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";
    public static final String KEY_ID = "ca2a4fe7";
    /** "4242424242424242" sealed under context "pay_legacy_1" by the earlier release. */
    public static final String CARD = "v1.ca2a4fe7.nDO6soSTIJUCvT2un3ZBSalVqAp9Pc6MQXEsOUZgYxrq2vuhBhUKWsmiAng";
    public static final String CARD_CONTEXT = "pay_legacy_1";
    /** "JBSWY3DPEHPK3PXP" sealed under context "op_legacy:totp" by the earlier release. */
    public static final String TOTP = "v1.ca2a4fe7.BPgMPriPAuOVU33fT4yobO048kCP3HizZ6tWs_j7Vh2Ak8ZRaWy2W4Vm7Xw";
    public static final String TOTP_CONTEXT = "op_legacy:totp";
    /** The earlier release's fingerprints of "4242424242424242" for risk-card, and of a resident ID for consumer_verification:id_number. */
    public static final String CARD_FINGERPRINT = "2c702f3a89c2a733cf4b5131c5845bd5f5c1e407e952f615476255e2587508a8";
    public static final String RESIDENT_ID = "11010519491231002X";
    public static final String RESIDENT_ID_FINGERPRINT = "c38361fed0127cf0e9c9b23b4d2001d48cc23360cc512603257111e83284f5b9";

    private LegacyValues() {
    }

    public static byte[] key() {
        return Base64.getDecoder().decode(KEY_BASE64);
    }

    /** {@code plaintext} sealed as the earlier release did: {@code v1.<SHA-256 prefix of the key>.<base64url(nonce | AES-GCM | tag)>}. */
    public static String seal(byte[] masterKey, String plaintext, String context) {
        try {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(masterKey), 0, 4);
            return "v1." + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
