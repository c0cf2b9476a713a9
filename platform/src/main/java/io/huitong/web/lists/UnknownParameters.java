package io.huitong.web.lists;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses, before the handler runs, a query parameter that the API's endpoint does not declare: 400 {@code parameter_unknown}
 * with the parameter as {@code param} (the first unknown name in alphabetical order, when there are several), as an
 * unknown field of a JSON body is, instead of listing everything as if no filter had been asked for ({@code ?statsu=failed}).
 * Every {@code GET} of the API is checked; the names it declares are its {@code @RequestParam}s, and {@code limit},
 * {@code starting_after} and {@code ending_before} when it takes a {@link PageRequest}.
 */
final class UnknownParameters implements HandlerInterceptor {

    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !"GET".equals(request.getMethod())) {
            return true;
        }
        Set<String> declared = known.computeIfAbsent(method.getMethod(), m -> declared(method));
        for (String name : new TreeSet<>(request.getParameterMap().keySet())) {
            if (!declared.contains(name)) {
                throw unknown(name);
            }
        }
        return true;
    }

    /** 400 {@code parameter_unknown} naming the parameter (its first 100 characters). */
    static ApiException unknown(String name) {
        String shown = name.length() > 100 ? name.substring(0, 100) : name;
        return new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "parameter_unknown", "Received unknown parameter: " + shown, shown);
    }

    /** The names the handler reads: its {@code @RequestParam}s, and the list parameters when it takes a page. */
    static Set<String> declared(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (parameter.getParameterType() == PageRequest.class) {
                names.addAll(Set.of(ListParameters.LIMIT, ListParameters.STARTING_AFTER, ListParameters.ENDING_BEFORE));
            }
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getParameterName();
                if (name == null) {
                    throw new IllegalStateException(method + " has a @RequestParam without a name");
                }
                names.add(name);
            }
        }
        return Set.copyOf(names);
    }
}
