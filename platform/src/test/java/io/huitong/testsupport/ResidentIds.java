package io.huitong.testsupport;

import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Resident ID numbers for tests: 17 digits and their ISO 7064 MOD 11-2 check character. */
public final class ResidentIds {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final AtomicInteger NEXT = new AtomicInteger();

    private ResidentIds() {
    }

    public static String of(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    /** A resident ID number no other call in this run answers (one ID verifies one account): Beijing, born 1950 on. */
    public static String next() {
        int n = NEXT.getAndIncrement();
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(n / 1000);
        return of("110105" + born.toString().replace("-", "") + String.format(Locale.ROOT, "%03d", n % 1000));
    }
}
