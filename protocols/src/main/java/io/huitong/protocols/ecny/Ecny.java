package io.huitong.protocols.ecny;

import io.huitong.protocols.keys.Keys;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The e-CNY operator's interface: paths, fields, codes and the SM2 signing rules (see the package documentation). */
public final class Ecny {

    public static final String ORDERS_PATH = "/ecny/v1/orders";
    public static final String REFUNDS_PATH = "/ecny/v1/refunds";
    /** {@code GET ?bill_date=YYYY-MM-DD}: the merchant's bill of that business date ({@link io.huitong.protocols.statements.EcnyBill}). */
    public static final String BILLS_PATH = "/ecny/v1/bills";

    public static final String HEADER_SIGNATURE = "Ecny-Signature";
    public static final String HEADER_TIMESTAMP = "Ecny-Timestamp";
    public static final String HEADER_NONCE = "Ecny-Nonce";
    /** The merchant a request comes from; the operator verifies with that merchant's registered key. */
    public static final String HEADER_MERCHANT = "Ecny-Merchant-No";

    public static final String SUCCESS = "SUCCESS";
    /** The operator failed and did nothing: safe to try again or elsewhere. */
    public static final String SYSTEM_ERROR = "SYSTEM_ERROR";
    public static final String INVALID_SIGNATURE = "INVALID_SIGNATURE";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    public static final String WALLET_NOT_FOUND = "WALLET_NOT_FOUND";
    public static final String ORDER_NOT_FOUND = "ORDER_NOT_FOUND";
    public static final String ORDER_PAID = "ORDER_PAID";
    public static final String ORDER_CLOSED = "ORDER_CLOSED";
    /** A re-sent order or refund with the same merchant reference but different terms. */
    public static final String DUPLICATE_REFERENCE = "DUPLICATE_REFERENCE";
    public static final String REFUND_EXCEEDS_PAYMENT = "REFUND_EXCEEDS_PAYMENT";

    /** The order waits for the payer to confirm in their wallet app. */
    public static final String WAITING_CONFIRM = "WAITING_CONFIRM";
    public static final String PAID = "PAID";
    /** Closed by the merchant or expired unpaid. */
    public static final String CLOSED = "CLOSED";
    public static final String FAILED = "FAILED";
    public static final String REFUNDED = "REFUNDED";

    private static final Provider BC = new BouncyCastleProvider();

    private Ecny() {
    }

    /** What a request's, an answer's or a notification's signature covers. */
    public static String signingString(String timestamp, String nonce, String body) {
        return timestamp + "\n" + nonce + "\n" + (body == null ? "" : body);
    }

    /** SM2 over SM3 (with the standard default user id), base64. */
    public static String sign(PrivateKey key, String content) {
        return Keys.sign(signature(), key, content);
    }

    public static boolean verify(PublicKey key, String content, String sign) {
        return Keys.verify(signature(), key, content, sign);
    }

    /** A fresh SM2 key pair on the sm2p256v1 curve. */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("sm2p256v1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey privateKey(String text) {
        return Keys.privateKey(ec(), text);
    }

    public static PublicKey publicKey(String text) {
        return Keys.publicKey(ec(), text);
    }

    private static Signature signature() {
        try {
            return Signature.getInstance("SM3withSM2", BC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyFactory ec() {
        try {
            return KeyFactory.getInstance("EC", BC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
