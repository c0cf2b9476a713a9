package io.huitong.web.security;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.web.error.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 in the contract's shape. The message never repeats the presented key. */
final class ContractAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ErrorResponses errors;

    ContractAuthenticationEntryPoint(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean rejected = request.getAttribute(BearerTokenFilter.REJECTED) != null;
        ApiException error = rejected
                ? new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "invalid_api_key", "Invalid API key provided.", null)
                : new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "authentication_required",
                        "No API key provided. Send it as: Authorization: Bearer <key>", null);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"huitong\"");
        errors.write(request, response, error);
    }
}
