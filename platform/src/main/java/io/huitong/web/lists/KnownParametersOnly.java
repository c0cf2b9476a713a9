package io.huitong.web.lists;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code GET} endpoint whose query string may name only the parameters it declares: its {@code @RequestParam}s, and
 * {@code limit}, {@code starting_after} and {@code ending_before} when it takes a {@link io.huitong.kernel.PageRequest}. Any
 * other name ({@code ?statsu=failed}) is answered 400 {@code parameter_unknown} naming it, as an unknown field of a JSON
 * body is, instead of listing everything as if no filter had been asked for.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface KnownParametersOnly {
}
