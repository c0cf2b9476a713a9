package io.huitong.web.security;

import io.huitong.identity.ApiPrincipal;
import io.huitong.web.error.ErrorCodes;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a controller in any module declare {@code ApiPrincipal caller} without knowing Spring Security.
 * An endpoint that declares it can't run unauthenticated, even if a path rule were forgotten.
 */
final class ApiPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ApiPrincipal.class
                && !parameter.hasParameterAnnotation(AuthenticationPrincipal.class);
    }

    @Override
    public ApiPrincipal resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                        WebDataBinderFactory binders) {
        ApiPrincipal principal = Callers.current();
        if (principal != null) {
            return principal;
        }
        throw ErrorCodes.forStatus(401);
    }
}
