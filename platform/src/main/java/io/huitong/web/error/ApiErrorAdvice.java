package io.huitong.web.error;

import io.huitong.kernel.ApiException;
import io.huitong.payments.PaymentRefused;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every exception a handler lets escape becomes the contract's error shape; nothing else ever reaches the caller. */
@RestControllerAdvice
class ApiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

    private final ErrorResponses errors;

    ApiErrorAdvice(ErrorResponses errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e, HttpServletRequest request) {
        return errors.entity(e, request);
    }

    @ExceptionHandler(PaymentRefused.class)
    ResponseEntity<ApiError> payment(PaymentRefused e, HttpServletRequest request) {
        return errors.entity(PaymentRefusals.toApi(e.refusal()), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return errors.entity(JsonBindingErrors.from(e), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return errors.entity(ApiException.invalid(e.getName(), "Invalid value for " + e.getName() + "."), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return errors.entity(ApiException.missing(e.getParameterName()), request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return errors.entity(ApiException.missing(e.getHeaderName()), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return errors.entity(ErrorCodes.unsupportedMediaType(), request);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiError> noHandler(Exception e, HttpServletRequest request) {
        return errors.entity(ErrorCodes.unrecognizedUrl(request.getMethod(), request.getRequestURI()), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationException e, HttpServletRequest request) {
        return errors.entity(ErrorCodes.forStatus(401), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e, HttpServletRequest request) {
        return errors.entity(ErrorCodes.forStatus(403), request);
    }

    /**
     * Spring MVC's own failures (405, 406, 503 for a timed-out async request, ...) keep their status and
     * headers, such as {@code Allow}; an unreachable database answers 503 with {@code Retry-After}
     * ({@link DatabaseUnavailable}); anything else is our bug and answers a bare 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring && (spring.getStatusCode().is4xxClientError() || spring.getStatusCode().value() == 503)) {
            HttpHeaders headers = spring.getHeaders();
            return errors.entity(ErrorCodes.forStatus(spring.getStatusCode().value()), request, headers);
        }
        if (DatabaseUnavailable.causedBy(e)) {
            log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), DatabaseUnavailable.describe(e));
            return errors.entity(ErrorCodes.databaseUnavailable(), request, DatabaseUnavailable.retryAfter());
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return errors.entity(ErrorCodes.internal(), request);
    }
}
