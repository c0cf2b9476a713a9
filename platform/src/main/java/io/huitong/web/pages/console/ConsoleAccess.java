package io.huitong.web.pages.console;

import io.huitong.identity.OperatorRole;
import io.huitong.web.security.AdminRoleDeclarations;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may open each console page, read once from the handlers Spring MVC maps when the platform starts: a page that does
 * what admin endpoints do ({@link SameRolesAs}) allows exactly the roles those endpoints' handlers declare, as the API's
 * {@code AdminRolesInterceptor} enforces them (every one of them, when a page does the work of several); {@link AnyOperator}
 * pages any logged-in operator; {@link NoLogin} pages anyone. A console handler without one of these, or naming an endpoint
 * that does not exist, stops the platform from starting: a page can never be open wider than its API.
 */
@Component
class ConsoleAccess implements ApplicationListener<ContextRefreshedEvent> {

    /** Who may open a page. {@code roles}: one set per admin endpoint it does the work of; an operator needs one role of each. */
    record Rule(boolean login, List<Set<OperatorRole>> roles, List<String> endpoints) {

        static final Rule PUBLIC = new Rule(false, List.of(), List.of());
        static final Rule ANY_OPERATOR = new Rule(true, List.of(), List.of());

        boolean allows(Staff staff) {
            if (!login) {
                return true;
            }
            return staff != null && roles.stream().allMatch(staff::hasAnyRole);
        }
    }

    private final ApplicationContext context;
    private volatile Map<Method, Rule> byHandler = Map.of();
    /** The same rules by the console's own routes, {@code "GET /console/risk/reviews"}, for menus and buttons. */
    private volatile Map<String, Rule> byRoute = Map.of();

    ConsoleAccess(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        if (event.getApplicationContext() != context) {
            return;
        }
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Map<String, HandlerMethod> admin = new HashMap<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/v1/admin/")) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        admin.put(method.name() + " " + pattern, handler);
                    }
                }
            }
        });
        Map<Method, Rule> handlers = new HashMap<>();
        Map<String, Rule> routes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().equals(ConsoleAccess.class.getPackageName())) {
                continue;
            }
            Rule rule = rule(handler, admin, problems);
            if (rule == null) {
                continue;
            }
            handlers.put(handler.getMethod(), rule);
            for (String pattern : entry.getKey().getPatternValues()) {
                Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.put(method.name() + " " + pattern, rule);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("console pages without a valid access rule: " + problems);
        }
        byHandler = Map.copyOf(handlers);
        byRoute = Map.copyOf(routes);
    }

    private static Rule rule(HandlerMethod handler, Map<String, HandlerMethod> admin, List<String> problems) {
        Method method = handler.getMethod();
        SameRolesAs same = AnnotatedElementUtils.findMergedAnnotation(method, SameRolesAs.class);
        boolean any = AnnotatedElementUtils.hasAnnotation(method, AnyOperator.class);
        boolean open = AnnotatedElementUtils.hasAnnotation(method, NoLogin.class);
        int declared = (same == null ? 0 : 1) + (any ? 1 : 0) + (open ? 1 : 0);
        if (declared != 1) {
            problems.add(handler.getShortLogMessage() + " declares " + declared + " of @SameRolesAs, @AnyOperator, @NoLogin");
            return null;
        }
        if (open) {
            return Rule.PUBLIC;
        }
        if (any) {
            return Rule.ANY_OPERATOR;
        }
        List<Set<OperatorRole>> roles = new ArrayList<>();
        for (String endpoint : same.value()) {
            HandlerMethod api = admin.get(endpoint);
            if (api == null) {
                problems.add(handler.getShortLogMessage() + " names " + endpoint + ", which is no admin endpoint");
                return null;
            }
            roles.add(AdminRoleDeclarations.allowed(api));
        }
        if (roles.isEmpty()) {
            problems.add(handler.getShortLogMessage() + " names no endpoint");
            return null;
        }
        return new Rule(true, List.copyOf(roles), List.of(same.value()));
    }

    /** The rule of a console handler; null for any other handler (or before the platform started). */
    Rule rule(Method handler) {
        return byHandler.get(handler);
    }

    /** The rule of a console route such as {@code "POST /console/approvals/{id}/approve"}; a route that does not exist is refused. */
    Rule route(String route) {
        Rule rule = byRoute.get(route);
        if (rule == null) {
            throw new IllegalArgumentException("no console route " + route);
        }
        return rule;
    }

    /** Every console route and its rule, for the documentation and its test. */
    Map<String, Rule> routes() {
        return byRoute;
    }

    /** What a template asks of the operator's rights: {@code ${can.open('POST /console/approvals/{id}/approve')}}. */
    record Permissions(ConsoleAccess access, Staff staff) {

        public boolean open(String route) {
            return access.route(route).allows(staff);
        }
    }
}
