package io.huitong.payments.domain;

import java.util.Locale;
import java.util.Optional;

/** The API's names of the payments' enumerations: the constant's name in lower case. */
public final class WireNames {

    private WireNames() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} named {@code text} on the wire; empty for any other text, null included. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(text)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
