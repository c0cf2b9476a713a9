package io.huitong.merchantusers;

import io.huitong.kernel.ApiException;
import java.util.Locale;

/** A merchant user's login: email, password and the current one-time code. {@link #toString()} hides the secrets. */
public record MerchantUserLogin(String email, String password, String otp) {

    public MerchantUserLogin {
        if (email == null || email.isBlank()) {
            throw ApiException.missing("email");
        }
        email = email.strip().toLowerCase(Locale.ROOT);
        if (email.length() > 254) {
            throw ApiException.invalid("email", "email must be at most 254 characters");
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.missing("password");
        }
        otp = otp == null || otp.isBlank() ? null : otp.strip();
    }

    @Override
    public String toString() {
        return "MerchantUserLogin[" + email + "]";
    }
}
