package io.huitong.operators;

/**
 * A TOTP secret being enrolled: the base32 secret and the {@code otpauth://} URI an authenticator app
 * reads (as a QR code or typed in). It takes effect once a code from it is confirmed.
 */
public record TotpEnrollment(String secret, String otpauthUri, String algorithm, int digits, int period) {

    @Override
    public String toString() {
        return "TotpEnrollment[" + algorithm + ", " + digits + " digits, " + period + " s]";
    }
}
