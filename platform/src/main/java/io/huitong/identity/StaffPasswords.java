package io.huitong.identity;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import java.util.Locale;

/**
 * How the passwords of the institution's operators and of merchants' staff are kept and what they must be. Kept as
 * Argon2id hashes (the encoder {@link PasswordHashing} configures). A password must be: at least {@value #MIN_LENGTH} characters and at most
 * {@value #MAX_LENGTH}; not one or two characters repeated, not a run of consecutive keys or digits, and not
 * containing the name part of the person's email. Each refusal is a 400 {@code password_too_weak} on
 * {@code password} that says what is wrong.
 */
public final class StaffPasswords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final String[] RUNS = {"0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm"};

    private StaffPasswords() {
    }

    /** Refuses a password these rules do not accept (400 {@code password_too_weak} on {@code password}). */
    public static void check(String password, String email) {
        if (password.length() < MIN_LENGTH) {
            throw refuse("password must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw refuse("password must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.chars().distinct().count() <= 2) {
            throw refuse("password repeats one or two characters; choose one that is harder to guess");
        }
        for (String run : RUNS) {
            String twice = run + run;
            if (twice.contains(lower) || new StringBuilder(twice).reverse().toString().contains(lower)) {
                throw refuse("password is a run of consecutive keys; choose one that is harder to guess");
            }
        }
        String local = email.substring(0, email.indexOf('@'));
        if (local.length() >= 4 && lower.contains(local)) {
            throw refuse("password must not contain the email address");
        }
    }

    private static ApiException refuse(String message) {
        return new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "password_too_weak", message, "password");
    }
}
