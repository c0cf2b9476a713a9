package io.huitong.web.lists;

import io.huitong.kernel.PageRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves a {@link PageRequest} controller parameter from the list query parameters. */
final class PageRequestArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageRequest.class;
    }

    @Override
    public PageRequest resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                       WebDataBinderFactory binders) {
        return ListParameters.parse(
                request.getParameter(ListParameters.LIMIT),
                request.getParameter(ListParameters.STARTING_AFTER),
                request.getParameter(ListParameters.ENDING_BEFORE));
    }
}
