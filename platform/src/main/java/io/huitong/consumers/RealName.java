package io.huitong.consumers;

import io.huitong.kernel.ApiException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * A real-name verification request ({@code POST /v1/users/me/verification}): the name as on the ID card
 * (2 to 30 letters, with the middle dot of transliterated names allowed) and an 18-character PRC resident
 * ID number: a known province code, a valid date of birth, and the ISO 7064 MOD 11-2 check character
 * ({@code X} for 10). {@link #toString()} shows both masked only.
 */
public record RealName(String name, String idNumber) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35",
            "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
            "83");

    public RealName {
        if (name == null) {
            throw ApiException.missing("name");
        }
        if (idNumber == null) {
            throw ApiException.missing("id_number");
        }
        name = name.strip();
        int length = name.codePointCount(0, name.length());
        if (length < 2 || length > 30 || !name.codePoints().allMatch(c -> Character.isLetter(c) || c == '·' || c == ' ')) {
            throw ApiException.invalid("name", "name must be 2 to 30 letters, as on the ID card");
        }
        idNumber = idNumber.strip().toUpperCase(Locale.ROOT);
        if (!isValidIdNumber(idNumber)) {
            throw ApiException.invalid("id_number", "id_number must be an 18-character resident ID number with a valid check character");
        }
    }

    /** The date of birth in the ID number. */
    public LocalDate birthDate() {
        return birthDate(idNumber);
    }

    /** {@code 1101**********1234}. */
    public static String maskIdNumber(String idNumber) {
        return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
    }

    /** {@code *梅梅}: the first character (the family name, mostly) hidden. */
    public static String maskName(String name) {
        int first = name.offsetByCodePoints(0, 1);
        return "*" + name.substring(first);
    }

    static boolean isValidIdNumber(String id) {
        if (id.length() != 18 || !id.substring(0, 17).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        if (!PROVINCES.contains(id.substring(0, 2)) || birthDate(id) == null || birthDate(id).getYear() < 1900) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11) == id.charAt(17);
    }

    private static LocalDate birthDate(String id) {
        try {
            return LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "RealName[" + (name.isEmpty() ? "" : maskName(name)) + ", " + maskIdNumber(idNumber) + "]";
    }
}
