package io.huitong.web.pages.merchant;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.web.error.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Who may open what on the dashboard, decided on the server for every request, whatever the navigation shows: a handler
 * with {@link Allowed} needs a live session whose role holds one of its permissions. A page answers a user without a
 * session with the login page and one without the permission with a 403 page ({@link MerchantPageAdvice}); a JSON
 * endpoint with a JSON 401 or 403 of the API's shape.
 */
final class MerchantGate implements HandlerInterceptor {

    private final MerchantSessions sessions;
    private final ErrorResponses errors;

    MerchantGate(MerchantSessions sessions, ErrorResponses errors) {
        this.sessions = sessions;
        this.errors = errors;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getPackageName().equals(MerchantGate.class.getPackageName())) {
            return true;
        }
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = method.getBeanType().getAnnotation(Allowed.class);
        }
        if (allowed == null) {
            return true;
        }
        boolean json = method.hasMethodAnnotation(ResponseBody.class);
        Staff staff = sessions.staff(request).orElse(null);
        if (staff == null) {
            if (json) {
                errors.write(request, response, new ApiException(401, ErrorType.AUTHENTICATION_ERROR, "login_required",
                        "Log in to the dashboard first.", null));
                return false;
            }
            throw new LoginRequired();
        }
        if (Arrays.stream(allowed.value()).noneMatch(staff::may)) {
            if (json) {
                errors.write(request, response, new ApiException(403, ErrorType.PERMISSION_ERROR, "permission_denied",
                        "Your role on the dashboard may not open this.", null));
                return false;
            }
            throw new NotAllowed();
        }
        return true;
    }
}
