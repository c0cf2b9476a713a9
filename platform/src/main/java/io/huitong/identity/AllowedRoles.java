package io.huitong.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operator roles an admin endpoint allows, on the handler method (or on the controller, for every
 * method that declares none). Every endpoint under {@code /v1/admin/} must declare its roles:
 *
 * <pre>{@code
 * @GetMapping("/{id}")
 * @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT})
 * MerchantView get(@PathVariable String id) { ... }
 * }</pre>
 *
 * An operator without one of them gets 403 {@code permission_denied} before the handler runs.
 * {@link OperatorRole#ADMIN} (and so the admin key) passes every declaration. An admin endpoint that
 * declares nothing is open to {@code admin} only, and the table test of the admin roles fails for it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowedRoles {

    OperatorRole[] value();
}
