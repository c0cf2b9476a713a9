package io.huitong.web.pages.wallet;

import io.huitong.kernel.ApiException;
import io.huitong.payments.PaymentRefused;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the wallet's pages answer when a handler gives up: the login page for a payer without a session, and otherwise
 * the payer's error page in their language with the status it deserves. The API's JSON error shape is never shown here.
 */
@ControllerAdvice(basePackageClasses = WalletPageAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WalletPageAdvice {

    private static final Logger log = LoggerFactory.getLogger(WalletPageAdvice.class);

    private final WalletErrors errors;

    WalletPageAdvice(WalletErrors errors) {
        this.errors = errors;
    }

    /** To the login page; an htmx request (the payment code's renewal) is told to go there as a whole page. */
    @ExceptionHandler(LoginRequired.class)
    ModelAndView login(HttpServletRequest request, HttpServletResponse response) {
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", "/wallet/login");
            return page(HttpStatus.UNAUTHORIZED, "wallet.error.sessionEnded");
        }
        ModelAndView redirect = new ModelAndView("redirect:/wallet/login");
        redirect.setStatus(HttpStatus.SEE_OTHER);
        return redirect;
    }

    @ExceptionHandler({ApiException.class, PaymentRefused.class})
    ModelAndView refused(RuntimeException e) {
        WalletErrors.Problem problem = errors.of(e);
        return page(problem.status(), problem.message());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge() {
        return page(HttpStatus.CONTENT_TOO_LARGE, "wallet.error.imageTooLarge");
    }

    @ExceptionHandler(MultipartException.class)
    ModelAndView unreadableUpload() {
        return page(HttpStatus.BAD_REQUEST, "wallet.error.badRequest");
    }

    /** Spring MVC's own refusals (a missing or malformed field, a wrong method) keep their 4xx; anything else is our bug. */
    @ExceptionHandler(Exception.class)
    ModelAndView other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(spring.getStatusCode().value());
            return page(status == null ? HttpStatus.BAD_REQUEST : status,
                    status == HttpStatus.NOT_FOUND ? "pages.error.notFound" : "wallet.error.badRequest");
        }
        if (e instanceof org.springframework.web.bind.MissingServletRequestParameterException
                || e instanceof org.springframework.beans.TypeMismatchException
                || e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
            return page(HttpStatus.BAD_REQUEST, "wallet.error.badRequest");
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(HttpStatus.SERVICE_UNAVAILABLE, "wallet.error.status.500");
    }

    static ModelAndView page(HttpStatus status, String messageKey) {
        ModelAndView page = new ModelAndView("pages/error");
        page.addObject("message", messageKey);
        page.setStatus(status);
        return page;
    }
}
