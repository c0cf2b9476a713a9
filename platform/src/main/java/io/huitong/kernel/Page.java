package io.huitong.kernel;

import java.util.List;
import java.util.function.Function;

/** One page of a list, newest first; {@code hasMore} says whether the list goes on in the direction asked. */
public record Page<T>(List<T> data, boolean hasMore) {

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(data.stream().<R>map(f).toList(), hasMore);
    }
}
