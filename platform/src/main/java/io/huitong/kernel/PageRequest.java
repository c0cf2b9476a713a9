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

    /** Whether this page is read backwards (oldest first, after {@code endingBefore}), to be put back newest first. */
    public boolean backwards() {
        return endingBefore != null;
    }

    /** A list query for this page: the statement and its parameters, in order. */
    public record Query(String sql, java.util.List<Object> params) {
    }

    /**
     * The list query of this page over a table whose ids sort by creation time ({@link Ids}): {@code select ... from
     * ...}, the filter ({@code where}, "" for none, with its parameters), then the cursor's condition on {@code idColumn},
     * the order by it (newest first, or oldest first after {@code endingBefore}) and a limit of one row more than the
     * page, which tells whether there is more ({@link Page#fromRows(java.util.List, PageRequest)}).
     */
    public Query byId(String select, String where, java.util.List<?> whereParams, String idColumn) {
        String cursor = backwards() ? endingBefore : startingAfter;
        java.util.List<String> conditions = new java.util.ArrayList<>(2);
        if (!where.isBlank()) {
            conditions.add(where);
        }
        java.util.List<Object> params = new java.util.ArrayList<>(whereParams);
        if (cursor != null) {
            conditions.add(idColumn + (backwards() ? " > ?" : " < ?"));
            params.add(cursor);
        }
        params.add(limit + 1);
        return new Query(select + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions)) + " order by " + idColumn
                + (backwards() ? " asc" : " desc") + " limit ?", params);
    }
}
