package io.huitong.web.pages.merchant;

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
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the dashboard's pages share: the user and the area of the page for its navigation, and what a page answers when
 * a handler gives up: the login page for a user without a session, a 403 page for a role that may not open it, and
 * otherwise the error page in the user's language with the status it deserves. The API's JSON error shape is never
 * shown here.
 */
@ControllerAdvice(basePackageClasses = MerchantPageAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MerchantPageAdvice {

    private static final Logger log = LoggerFactory.getLogger(MerchantPageAdvice.class);

    private final MerchantErrors errors;
    private final MerchantSessions sessions;

    MerchantPageAdvice(MerchantErrors errors, MerchantSessions sessions) {
        this.errors = errors;
        this.sessions = sessions;
    }

    /** The logged-in user, or null: the layout shows their navigation. */
    @ModelAttribute("staff")
    Staff staff(HttpServletRequest request) {
        return sessions.staff(request).orElse(null);
    }

    /** The area of the dashboard a page belongs to ({@code payments} for {@code /merchant/payments/...}): its tab is current. */
    @ModelAttribute("area")
    String area(HttpServletRequest request) {
        return area(request.getRequestURI());
    }

    static String area(String uri) {
        String[] segments = uri.split("/");
        return segments.length > 2 ? segments[2] : "home";
    }

    /** To the login page; an htmx request is told to go there as a whole page. */
    @ExceptionHandler(LoginRequired.class)
    ModelAndView login(HttpServletRequest request, HttpServletResponse response) {
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", "/merchant/login");
            return page(request, HttpStatus.UNAUTHORIZED, "merchant.error.sessionEnded");
        }
        ModelAndView redirect = new ModelAndView("redirect:/merchant/login?done=sessionEnded");
        redirect.setStatus(HttpStatus.SEE_OTHER);
        return redirect;
    }

    @ExceptionHandler(NotAllowed.class)
    ModelAndView notAllowed(HttpServletRequest request) {
        return page(request, HttpStatus.FORBIDDEN, "merchant.error.forbidden");
    }

    @ExceptionHandler({ApiException.class, PaymentRefused.class})
    ModelAndView refused(RuntimeException e, HttpServletRequest request) {
        MerchantErrors.Problem problem = errors.of(e);
        ModelAndView page = page(request, problem.status(), problem.message());
        page.addObject("errorDetail", problem.message().equals("merchant.error.generic") ? problem.detail() : null);
        return page;
    }

    /** Spring MVC's own refusals (a missing or malformed field, a wrong method) keep their 4xx; anything else is our bug. */
    @ExceptionHandler(Exception.class)
    ModelAndView other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(spring.getStatusCode().value());
            return page(request, status == null ? HttpStatus.BAD_REQUEST : status,
                    status == HttpStatus.NOT_FOUND ? "merchant.error.notFound" : "merchant.error.badRequest");
        }
        if (e instanceof org.springframework.web.bind.MissingServletRequestParameterException
                || e instanceof org.springframework.beans.TypeMismatchException
                || e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
            return page(request, HttpStatus.BAD_REQUEST, "merchant.error.badRequest");
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(request, HttpStatus.SERVICE_UNAVAILABLE, "merchant.error.status.500");
    }

    /** The dashboard's error page, with the user's navigation when they are logged in. */
    ModelAndView page(HttpServletRequest request, HttpStatus status, String messageKey) {
        ModelAndView page = new ModelAndView("merchant/error");
        page.addObject("message", messageKey);
        page.addObject("staff", sessions.staff(request).orElse(null));
        page.addObject("area", area(request.getRequestURI()));
        page.setStatus(status);
        return page;
    }
}
