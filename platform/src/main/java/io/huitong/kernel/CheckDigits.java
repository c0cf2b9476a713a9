package io.huitong.kernel;

/** Check digits that account and card numbers carry. */
public final class CheckDigits {

    private CheckDigits() {
    }

    /** Whether a string of decimal digits ends with a valid Luhn (mod 10) check digit, as card numbers do. */
    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
