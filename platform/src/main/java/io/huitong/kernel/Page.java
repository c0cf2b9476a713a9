package io.huitong.kernel;

import java.util.List;
import java.util.function.Function;

/** One page of a list, newest first; {@code hasMore} says whether the list goes on in the direction asked. */
public record Page<T>(List<T> data, boolean hasMore) {

    /**
     * A page from rows read with a limit of {@code limit + 1} (the extra row says whether there is more);
     * rows read backwards (for {@code ending_before}) are put back newest first.
     */
    public static <T> Page<T> fromRows(List<T> rows, int limit, boolean backwards) {
        boolean more = rows.size() > limit;
        List<T> data = new java.util.ArrayList<>(more ? rows.subList(0, limit) : rows);
        if (backwards) {
            java.util.Collections.reverse(data);
        }
        return new Page<>(List.copyOf(data), more);
    }

    /** The page of {@code request} from rows read by its {@link PageRequest#byId query}. */
    public static <T> Page<T> fromRows(List<T> rows, PageRequest request) {
        return fromRows(rows, request.limit(), request.backwards());
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(data.stream().<R>map(f).toList(), hasMore);
    }
}
