package io.huitong.web.lists;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.PageRequest;

/** The list query parameters of docs/api.md: {@code limit} (1–100, default 10), {@code starting_after}, {@code ending_before}. */
final class ListParameters {

    static final String LIMIT = "limit";
    static final String STARTING_AFTER = "starting_after";
    static final String ENDING_BEFORE = "ending_before";
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private ListParameters() {
    }

    static PageRequest parse(String limit, String startingAfter, String endingBefore) {
        String after = blankToNull(startingAfter);
        String before = blankToNull(endingBefore);
        if (after != null && before != null) {
            throw ApiException.invalid(ENDING_BEFORE, "Use at most one of starting_after and ending_before.");
        }
        return new PageRequest(limit(limit), after, before);
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below like any other out-of-range value
        }
        throw ApiException.invalid(LIMIT, "limit must be an integer between 1 and " + MAX_LIMIT + ".");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
