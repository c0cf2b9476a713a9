package io.huitong.consumers;

import io.huitong.kernel.ApiException;

/**
 * A login ({@code POST /v1/sessions}): phone, password and, once two-factor is on, the one-time code.
 * {@link #toString()} hides the password and the code.
 */
public record Login(String phone, String password, String otp) {

    public Login {
        if (phone == null) {
            throw ApiException.missing("phone");
        }
        phone = Phones.normalize(phone, "phone");
        if (password == null) {
            throw ApiException.missing("password");
        }
    }

    @Override
    public String toString() {
        return "Login[" + Phones.mask(phone) + "]";
    }
}
