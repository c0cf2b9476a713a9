package io.huitong.merchantusers;

/**
 * A TOTP secret being enrolled while an invitation is accepted: the base32 secret and the {@code otpauth://} URI an
 * authenticator app reads (as a QR code or typed in). It takes effect once a code from it is confirmed.
 */
public record TotpSetup(String secret, String otpauthUri) {

    @Override
    public String toString() {
        return "TotpSetup[***]";
    }
}
