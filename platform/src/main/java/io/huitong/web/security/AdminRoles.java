package io.huitong.web.security;

import io.huitong.identity.AllowedRoles;
import io.huitong.identity.OperatorRole;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/** The roles a handler declares with {@link AllowedRoles}: on the method, else on its controller. */
final class AdminRoles {

    /** Where the admin endpoints live; each must declare its roles. */
    static final String ADMIN_PATH = "/v1/admin/";

    private AdminRoles() {
    }

    static Optional<Set<OperatorRole>> declared(HandlerMethod handler) {
        AllowedRoles allowed = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), AllowedRoles.class);
        if (allowed == null) {
            allowed = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), AllowedRoles.class);
        }
        if (allowed == null) {
            return Optional.empty();
        }
        Set<OperatorRole> roles = EnumSet.noneOf(OperatorRole.class);
        roles.addAll(Arrays.asList(allowed.value()));
        return Optional.of(java.util.Collections.unmodifiableSet(roles));
    }
}
