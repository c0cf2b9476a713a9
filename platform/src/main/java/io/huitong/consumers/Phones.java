package io.huitong.consumers;

import io.huitong.kernel.ApiException;
import java.util.regex.Pattern;

/** Mainland China mobile numbers, kept as E.164 ({@code +8613812345678}) and shown masked. */
public final class Phones {

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private Phones() {
    }

    /** The number in E.164, or a 400 naming {@code param}. Spaces and dashes are ignored. */
    public static String normalize(String phone, String param) {
        String digits = phone.replaceAll("[ \\-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        if (!MOBILE.matcher(digits).matches()) {
            throw ApiException.invalid(param, param + " must be a mainland China mobile number, such as +8613812345678");
        }
        return "+86" + digits;
    }

    /** {@code +86 138****5678}. */
    public static String mask(String e164) {
        String national = e164.startsWith("+86") ? e164.substring(3) : e164;
        if (national.length() < 7) {
            return "****";
        }
        return "+86 " + national.substring(0, 3) + "****" + national.substring(national.length() - 4);
    }
}
