package io.huitong.web.pages.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a request reach a console page only when its rule allows the operator ({@link ConsoleAccess}), before the handler runs
 * and before it reads anything of the request: without a live session, the login page; with roles the page's admin endpoints
 * refuse, the console's 403 page.
 */
final class ConsoleGuard implements HandlerInterceptor {

    private final ConsoleAccess access;
    private final ConsoleSessions sessions;

    ConsoleGuard(ConsoleAccess access, ConsoleSessions sessions) {
        this.access = access;
        this.sessions = sessions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        ConsoleAccess.Rule rule = access.rule(method.getMethod());
        if (rule == null || !rule.login()) {
            return true;
        }
        Staff staff = sessions.staff(request).orElseThrow(ConsoleLoginRequired::new);
        if (!rule.allows(staff)) {
            throw new ConsoleForbidden();
        }
        return true;
    }
}
