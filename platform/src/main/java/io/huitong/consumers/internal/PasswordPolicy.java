package io.huitong.consumers.internal;

import io.huitong.kernel.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a consumer's password must be: at least {@value #MIN_LENGTH} characters and at most
 * {@value #MAX_LENGTH}; not one of the passwords people pick most (the list in
 * {@code consumers/common-passwords.txt}, compared without case); not one character repeated, not a run of
 * consecutive keys or digits, and not containing the consumer's own phone number. Each refusal is a 400
 * on {@code password} that says what is wrong.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    private static final String[] RUNS = {"0123456789", "9876543210", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm"};

    private final Set<String> common;

    PasswordPolicy(Set<String> common) {
        this.common = common;
    }

    static PasswordPolicy withBundledList() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/consumers/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("consumers/common-passwords.txt is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PasswordPolicy(Set.copyOf(words));
    }

    /** Refuses the password with a 400 saying why, or returns normally. */
    void check(String password, String phone) {
        if (password.length() < MIN_LENGTH) {
            throw refuse("password must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw refuse("password must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(lower.replaceAll("[0-9!@#$%^&*.]+$", ""))) {
            throw refuse("password is one of the most common passwords; choose one that is harder to guess");
        }
        if (lower.chars().distinct().count() <= 2) {
            throw refuse("password repeats one or two characters; choose one that is harder to guess");
        }
        for (String run : RUNS) {
            if (run.contains(lower) || new StringBuilder(run).reverse().toString().contains(lower)) {
                throw refuse("password is a run of consecutive keys; choose one that is harder to guess");
            }
        }
        String national = phone.startsWith("+86") ? phone.substring(3) : phone;
        if (password.contains(national) || password.contains(national.substring(national.length() - 8))) {
            throw refuse("password must not contain your phone number");
        }
    }

    private static ApiException refuse(String message) {
        return new ApiException(400, io.huitong.kernel.ErrorType.INVALID_REQUEST_ERROR, "password_too_weak", message, "password");
    }
}
