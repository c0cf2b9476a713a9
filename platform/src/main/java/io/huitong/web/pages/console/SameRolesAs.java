package io.huitong.web.pages.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The admin endpoints a console page does the work of, as {@code "METHOD /v1/admin/path/{template}"}: the page lets an
 * operator through exactly when each of those endpoints would (their {@link io.huitong.identity.AllowedRoles}, read from the
 * API's own handlers when the platform starts), else it answers the console's 403 page. The platform refuses to start
 * when a console page declares no rule, or names an endpoint that does not exist.
 *
 * <pre>{@code
 * @PostMapping("/risk/reviews/{id}/approve")
 * @SameRolesAs("POST /v1/admin/risk/reviews/{id}/approve")
 * String approve(Staff staff, @PathVariable String id, ...) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface SameRolesAs {

    String[] value();
}
