package io.huitong.web.pages.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.identity.OperatorRole;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.TestOperators;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may open each console page, table-driven over every route the console maps (a new page is covered the moment it exists):
 * for each role, a page that does the work of admin endpoints answers its 403 page exactly when the API refuses that role on
 * those endpoints (and the API does refuse it, 403), and otherwise lets the operator through; the menu shows exactly the pages
 * the role opens. Every console page declares its rule (the platform would not start otherwise).
 */
abstract class ConsoleRolesTests extends ConsolePageSupport {

    @Autowired
    ConsoleAccess access;

    /** A path for a route's template: each variable an id that exists nowhere. */
    static String concrete(String pattern) {
        return pattern.replace("{type}", "card").replaceAll("\\{[^}]+}", "x_nothing1");
    }

    @Test
    void everyPageRefusesTheRolesItsApiRefusesAndOnlyThose() {
        Map<OperatorRole, TestOperators.LoggedIn> staff = new EnumMap<>(OperatorRole.class);
        Map<OperatorRole, Console> consoles = new EnumMap<>(OperatorRole.class);
        for (OperatorRole role : OperatorRole.values()) {
            TestOperators.LoggedIn operator = operators.createAndLogIn(role.wireName());
            staff.put(role, operator);
            consoles.put(role, console(operator));
        }
        List<String> checked = new ArrayList<>();
        access.routes().forEach((route, rule) -> {
            if (!rule.login() || route.endsWith("/**")) {
                return;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            for (OperatorRole role : OperatorRole.values()) {
                Console console = consoles.get(role);
                boolean allowed = role == OperatorRole.ADMIN || rule.roles().stream().allMatch(r -> r.contains(role));
                if (!allowed || path.contains("x_nothing1") || method.equals("GET")) {
                    Api.Response page;
                    if (method.equals("GET")) {
                        page = console.get(path);
                    } else {
                        console.get("/console");
                        page = console.post(path, "");
                    }
                    if (allowed) {
                        assertThat(page.status()).as(role + " on " + route).isNotEqualTo(403).isLessThan(500);
                    } else {
                        page(page, 403);
                        assertThat(page.body()).as(route).contains("id=\"error-message\"");
                        for (String endpoint : rule.endpoints()) {
                            String apiMethod = endpoint.substring(0, endpoint.indexOf(' '));
                            String apiPath = concrete(endpoint.substring(endpoint.indexOf(' ') + 1));
                            Api.Response api = switch (apiMethod) {
                                case "GET" -> this.api.get(apiPath, "Authorization", staff.get(role).bearer());
                                case "DELETE" -> this.api.delete(apiPath, "Authorization", staff.get(role).bearer());
                                case "PUT" -> this.api.putJson(apiPath, "{}", "Authorization", staff.get(role).bearer());
                                default -> this.api.postJson(apiPath, "{}", "Authorization", staff.get(role).bearer());
                            };
                            if (rule.roles().get(rule.endpoints().indexOf(endpoint)).contains(role)) {
                                continue;
                            }
                            assertThat(api.status()).as("the API refuses " + role + " on " + endpoint + " too").isEqualTo(403);
                        }
                    }
                }
            }
            checked.add(route);
        });
        assertThat(checked).as("pages of every area").contains("GET /console/risk/reviews", "POST /console/approvals/{id}/approve",
                "GET /console/audit/verify");

        // the menu: exactly the pages the role opens
        for (OperatorRole role : OperatorRole.values()) {
            String home = consoles.get(role).get("/console").body();
            for (ConsoleMenu.Item item : ConsoleMenu.ITEMS) {
                ConsoleAccess.Rule rule = access.routes().get("GET " + item.href());
                if (rule == null || item.href().equals("/console")) {
                    continue;
                }
                boolean opens = role == OperatorRole.ADMIN || rule.roles().stream().allMatch(r -> r.contains(role));
                assertThat(home.contains("href=\"" + item.href() + "\"")).as(role + " menu " + item.href()).isEqualTo(opens);
            }
        }
    }

    @Test
    void aSupportOperatorCannotReachWhatTheirRoleForbids() {
        TestOperators.LoggedIn support = operators.createAndLogIn("support");
        Console console = console(support);
        for (String path : new String[] {"/console/risk/reviews", "/console/audit", "/console/audit/verify", "/console/approvals",
                "/console/reconciliations", "/console/payouts", "/console/settlement-runs"}) {
            if (access.routes().containsKey("GET " + path)) {
                page(console.get(path), 403);
            }
        }
        for (String endpoint : new String[] {"/v1/admin/risk/reviews", "/v1/admin/audit", "/v1/admin/audit/verify", "/v1/admin/approvals",
                "/v1/admin/reconciliations", "/v1/admin/payouts", "/v1/admin/settlement_runs"}) {
            assertThat(api.get(endpoint, "Authorization", support.bearer()).status()).as(endpoint).isEqualTo(403);
        }
        assertThat(Set.copyOf(access.routes().keySet())).contains("GET /console/risk/reviews");
    }
}
