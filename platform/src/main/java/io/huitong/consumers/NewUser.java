package io.huitong.consumers;

import io.huitong.kernel.ApiException;

/**
 * A sign-up ({@code POST /v1/users}): a mainland mobile number (with or without {@code +86}), a password
 * the password policy accepts, and the name the consumer goes by. {@link #toString()} hides the password.
 */
public record NewUser(String phone, String password, String name) {

    public NewUser {
        if (phone == null) {
            throw ApiException.missing("phone");
        }
        phone = Phones.normalize(phone, "phone");
        if (password == null) {
            throw ApiException.missing("password");
        }
        if (name == null) {
            throw ApiException.missing("name");
        }
        if (name.isBlank() || name.length() > 64) {
            throw ApiException.invalid("name", "name must be 1 to 64 characters");
        }
    }

    @Override
    public String toString() {
        return "NewUser[" + Phones.mask(phone) + "]";
    }
}
