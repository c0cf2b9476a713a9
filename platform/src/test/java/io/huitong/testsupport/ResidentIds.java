package io.huitong.testsupport;

/** Resident ID numbers for tests: 17 digits and their ISO 7064 MOD 11-2 check character. */
public final class ResidentIds {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private ResidentIds() {
    }

    public static String of(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
