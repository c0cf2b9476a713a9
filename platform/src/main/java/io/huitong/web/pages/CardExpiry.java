package io.huitong.web.pages;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A card's expiry as a payer types it or a browser fills {@code cc-exp}: {@code MM/YY}, {@code MM / YY} or
 * {@code MM/YYYY}. Each page's form says in its own way what it makes of one that is missing or wrong.
 */
public record CardExpiry(int month, int year) {

    private static final Pattern TYPED = Pattern.compile("\\s*(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})\\s*");

    /** The month as typed (possibly out of 1 to 12) and the four-digit year; null when it is not written so. */
    public static CardExpiry read(String typed) {
        Matcher m = typed == null ? null : TYPED.matcher(typed);
        if (m == null || !m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(2));
        return new CardExpiry(Integer.parseInt(m.group(1)), year < 100 ? 2000 + year : year);
    }

    public boolean monthValid() {
        return month >= 1 && month <= 12;
    }
}
