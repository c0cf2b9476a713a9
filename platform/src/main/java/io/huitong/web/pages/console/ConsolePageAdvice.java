package io.huitong.web.pages.console;

import io.huitong.kernel.ApiException;
import io.huitong.payments.PaymentRefused;
import io.huitong.web.error.PaymentRefusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page has (the operator, the menu their roles open, what they may do) and what the console answers when a
 * handler gives up: the login page for an operator without a session, the 403 page for roles the page's endpoints refuse, and
 * otherwise the console's error page in the operator's language with the status it deserves. The API's JSON is never shown.
 */
@ControllerAdvice(basePackageClasses = ConsolePageAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePageAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsolePageAdvice.class);

    private final ConsoleAccess access;
    private final ConsoleSessions sessions;
    private final ConsoleErrors errors;

    ConsolePageAdvice(ConsoleAccess access, ConsoleSessions sessions, ConsoleErrors errors) {
        this.access = access;
        this.sessions = sessions;
        this.errors = errors;
    }

    @ModelAttribute
    void chrome(HttpServletRequest request, Model model) {
        model.addAllAttributes(chrome(request));
    }

    private Map<String, Object> chrome(HttpServletRequest request) {
        Staff staff = sessions.staff(request).orElse(null);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("staff", staff);
        model.put("menu", ConsoleMenu.visible(access, staff));
        model.put("can", new ConsoleAccess.Permissions(access, staff));
        model.put("path", request.getRequestURI());
        return model;
    }

    /** To the login page; an htmx request (a progress poll) is told to go there as a whole page. */
    @ExceptionHandler(ConsoleLoginRequired.class)
    ModelAndView login(HttpServletRequest request, HttpServletResponse response) {
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", "/console/login");
            return page(request, HttpStatus.UNAUTHORIZED, "console.error.sessionEnded", null, null);
        }
        ModelAndView redirect = new ModelAndView("redirect:/console/login");
        redirect.setStatus(HttpStatus.SEE_OTHER);
        return redirect;
    }

    @ExceptionHandler(ConsoleForbidden.class)
    ModelAndView forbidden(HttpServletRequest request) {
        return page(request, HttpStatus.FORBIDDEN, "console.error.forbidden", null, null);
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e, HttpServletRequest request) {
        ConsoleErrors.Problem problem = errors.of(e);
        return page(request, problem.status(), problem.message(), problem.code(), problem.param());
    }

    @ExceptionHandler(PaymentRefused.class)
    ModelAndView paymentRefused(PaymentRefused e, HttpServletRequest request) {
        return refused(PaymentRefusals.toApi(e.refusal()), request);
    }

    /** Spring MVC's own refusals (a missing or malformed field, a wrong method) keep their 4xx; anything else is our bug. */
    @ExceptionHandler(Exception.class)
    ModelAndView other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(spring.getStatusCode().value());
            return page(request, status == null ? HttpStatus.BAD_REQUEST : status,
                    status == HttpStatus.NOT_FOUND ? "console.error.notFound" : "console.error.badRequest", null, null);
        }
        if (e instanceof org.springframework.web.bind.MissingServletRequestParameterException
                || e instanceof org.springframework.beans.TypeMismatchException
                || e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
            return page(request, HttpStatus.BAD_REQUEST, "console.error.badRequest", null, null);
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(request, HttpStatus.SERVICE_UNAVAILABLE, "console.error.status.500", null, null);
    }

    /** The console's error page with the operator's menu, if they are logged in. */
    ModelAndView page(HttpServletRequest request, HttpStatus status, String messageKey, String code, String param) {
        ModelAndView page = new ModelAndView("console/error");
        page.addAllObjects(chrome(request));
        page.addObject("message", messageKey);
        page.addObject("code", code);
        page.addObject("field", param);
        page.addObject("status", status.value());
        page.setStatus(status);
        return page;
    }
}
