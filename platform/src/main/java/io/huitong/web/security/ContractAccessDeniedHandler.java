package io.huitong.web.security;

import io.huitong.web.error.ErrorCodes;
import io.huitong.web.error.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 in the contract's shape: authenticated, but this kind of caller may not use this endpoint. */
final class ContractAccessDeniedHandler implements AccessDeniedHandler {

    private final ErrorResponses errors;

    ContractAccessDeniedHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        errors.write(request, response, ErrorCodes.forStatus(403));
    }
}
