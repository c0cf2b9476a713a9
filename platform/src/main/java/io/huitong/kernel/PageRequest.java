package io.huitong.kernel;

/** A cursor page request for lists ordered newest first: at most one of startingAfter / endingBefore is set. */
public record PageRequest(int limit, String startingAfter, String endingBefore) {

    public PageRequest {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null, null);
    }
}
