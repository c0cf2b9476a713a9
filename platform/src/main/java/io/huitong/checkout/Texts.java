package io.huitong.checkout;

/** Checks of the text a merchant or payer hands in. */
final class Texts {

    private Texts() {
    }

    /** Whether the text holds a control character (NUL, escape, ...), line breaks and tabs included. */
    static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
