package io.huitong.web.lists;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.web.request.RequestBodies;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a body that an endpoint of the API which reads none was sent ({@code POST /v1/wallet/payment_codes} with
 * {@code {"x":1}}), as an unknown field of a body it reads is refused: 400 {@code parameter_unknown} naming the first field
 * in alphabetical order, or 400 {@code invalid_json} when the body is not a JSON object. An empty body, blanks or
 * {@code {}} are accepted. A handler reads no body when it declares no {@code @RequestBody}, {@code @RequestParam},
 * {@code @RequestPart} or {@code @ModelAttribute} and takes neither the request, its stream, a file nor an entity. The
 * {@link io.huitong.web.request.RequestFilter} has refused a body that is not JSON already (415).
 */
final class UnknownBodyParameters implements HandlerInterceptor {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<Method, Boolean> readsNone = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
                || "OPTIONS".equals(request.getMethod())) {
            return true;
        }
        byte[] body = RequestBodies.of(request);
        if (blank(body) || !readsNone.computeIfAbsent(method.getMethod(), m -> readsNoBody(method))) {
            return true;
        }
        JsonNode read;
        try {
            read = JSON.readTree(body);
        } catch (JacksonException e) {
            throw invalidJson();
        }
        if (read == null || !read.isObject()) {
            throw invalidJson();
        }
        TreeSet<String> names = new TreeSet<>(read.propertyNames());
        if (names.isEmpty()) {
            return true;
        }
        throw UnknownParameters.unknown(names.first());
    }

    /** Whether the handler takes nothing from the request's body. */
    static boolean readsNoBody(HandlerMethod method) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            if (parameter.hasParameterAnnotation(RequestBody.class) || parameter.hasParameterAnnotation(RequestParam.class)
                    || parameter.hasParameterAnnotation(RequestPart.class) || parameter.hasParameterAnnotation(ModelAttribute.class)
                    || ServletRequest.class.isAssignableFrom(type) || InputStream.class.isAssignableFrom(type)
                    || Reader.class.isAssignableFrom(type) || MultipartFile.class.isAssignableFrom(type)
                    || HttpEntity.class.isAssignableFrom(type) || type == byte[].class) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static ApiException invalidJson() {
        return new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "invalid_json", "This endpoint takes no body, or an empty JSON object.",
                null);
    }
}
