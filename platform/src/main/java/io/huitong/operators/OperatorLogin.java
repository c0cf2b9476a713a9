package io.huitong.operators;

import io.huitong.kernel.ApiException;
import java.util.Locale;

/**
 * An operator's login ({@code POST /v1/operator_sessions}): email, password and the current TOTP code.
 * {@link #toString()} hides the password and the code.
 */
public record OperatorLogin(String email, String password, String otp) {

    public OperatorLogin {
        if (email == null) {
            throw ApiException.missing("email");
        }
        email = email.strip().toLowerCase(Locale.ROOT);
        if (password == null) {
            throw ApiException.missing("password");
        }
    }

    @Override
    public String toString() {
        return "OperatorLogin[" + email + "]";
    }
}
