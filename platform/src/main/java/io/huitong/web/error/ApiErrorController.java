package io.huitong.web.error;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel/JSON error page: errors that happen outside a handler (a filter
 * throwing, the container refusing a request) still answer in the contract's shape; a filter that found no database
 * answers 503, as a handler does.
 */
@Hidden
@RestController
class ApiErrorController implements ErrorController {

    private final ErrorResponses errors;

    ApiErrorController(ErrorResponses errors) {
        this.errors = errors;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(status instanceof Integer code)) {
            // Someone asked for /error directly: there is no error to show.
            return errors.entity(ErrorCodes.unrecognizedUrl(request.getMethod(), request.getRequestURI()), request);
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure && DatabaseUnavailable.causedBy(failure)) {
            // a filter's query (an API key's lookup, an idempotency key's claim) found no database
            return errors.entity(ErrorCodes.databaseUnavailable(), request, DatabaseUnavailable.retryAfter());
        }
        return errors.entity(code == 404
                ? ErrorCodes.unrecognizedUrl(request.getMethod(), String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)))
                : ErrorCodes.forStatus(code), request);
    }
}
