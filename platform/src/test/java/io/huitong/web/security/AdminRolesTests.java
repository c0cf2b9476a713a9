package io.huitong.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.identity.OperatorRole;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ApiTestSupport;
import io.huitong.testsupport.MutableClock;
import io.huitong.testsupport.TestOperators;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The admin roles, table-driven over every endpoint Spring MVC maps under {@code /v1/admin/} (a new one is
 * covered the moment it exists): each declares its roles with {@code @AllowedRoles}; for each endpoint and
 * each role, an operator logged in with TOTP is let through exactly when the endpoint allows the role
 * (admin: always), else refused with 403 {@code permission_denied}; the admin key passes everywhere;
 * consumers' tokens and merchants' keys get 403, and no token 401.
 */
abstract class AdminRolesTests extends ApiTestSupport {

    /** The infrastructure tests' own endpoints (TestEndpoints, under /v1/admin/test/): not part of the product. */
    private static final String TEST_ONLY = "io.huitong.testsupport";
    /** The endpoint that ends every operator session, the callers' own too. */
    private static final String ENDS_EVERY_SESSION = "/v1/admin/operators/sessions/end";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofMinutes(16));
    }

    /** One admin endpoint: method, path pattern, a concrete path for it, and its declared roles. */
    record Endpoint(String method, String pattern, String path, HandlerMethod handler, Optional<Set<OperatorRole>> roles) {

        boolean allows(OperatorRole role) {
            return role == OperatorRole.ADMIN || roles.orElse(Set.of()).contains(role);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    List<Endpoint> adminEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (mapping.getValue().getBeanType().getPackageName().startsWith(TEST_ONLY)) {
                continue;
            }
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (!pattern.startsWith(AdminRoles.ADMIN_PATH) && !pattern.equals("/v1/admin")) {
                    continue;
                }
                // a path variable gets an id that exists nowhere, so that allowed calls change nothing
                String path = pattern.replaceAll("\\{[^}]+}", "x_missing");
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method.name(), pattern, path, mapping.getValue(), AdminRoles.declared(mapping.getValue())));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::toString));
        return endpoints;
    }

    @Test
    void everyAdminEndpointDeclaresTheRolesItAllows() {
        List<Endpoint> endpoints = adminEndpoints();
        assertThat(endpoints).extracting(Endpoint::toString)
                .as("the enumeration finds the admin endpoints")
                .contains("GET /v1/admin/merchants", "POST /v1/admin/operators", "GET /v1/admin/ledger/check", "PUT /v1/admin/routing",
                        "GET /v1/admin/channels");
        assertThat(endpoints.stream().filter(e -> e.roles().isEmpty()).map(Endpoint::toString).toList())
                .as("admin endpoints without @AllowedRoles (declare the operator roles each allows)")
                .isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> eachRoleReachesExactlyTheAdminEndpointsThatAllowIt() {
        TestOperators operators = new TestOperators(api, clock);
        Map<OperatorRole, String> bearers = new EnumMap<>(OperatorRole.class);
        Map<OperatorRole, TestOperators.LoggedIn> staff = new EnumMap<>(OperatorRole.class);
        // the security administrator last: once one is active, role grants wait for their approval
        List<OperatorRole> roles = new java.util.ArrayList<>(List.of(OperatorRole.values()));
        roles.remove(OperatorRole.SECURITY);
        roles.add(OperatorRole.SECURITY);
        for (OperatorRole role : roles) {
            staff.put(role, operators.createAndLogIn(role.wireName()));
            bearers.put(role, staff.get(role).bearer());
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : adminEndpoints()) {
            for (OperatorRole role : OperatorRole.values()) {
                boolean allowed = endpoint.allows(role);
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + role.wireName() + (allowed ? ": allowed" : ": denied"), () -> {
                    Api.Response r = call(endpoint, bearers.get(role));
                    if (allowed) {
                        assertThat(r.status()).as(r.body()).isNotIn(401, 403);
                        if (endpoint.pattern().equals(ENDS_EVERY_SESSION)) {
                            // every operator's session ended with it: everyone logs in again, with the next code
                            clock.advance(Duration.ofSeconds(31));
                            staff.forEach((again, op) -> bearers.put(again,
                                    Api.bearer(operators.loginWithCode(op.email(), op.totpSecret()).json().path("token").asString())));
                        }
                    } else {
                        assertThat(r.status()).as(r.body()).isEqualTo(403);
                        assertThat(r.error("code")).isEqualTo("permission_denied");
                        assertThat(r.error("type")).isEqualTo("permission_error");
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> otherCallersNeverReachAnAdminEndpoint() {
        String consumer = consumerToken();
        OnboardedMerchant merchant = onboardMerchant("Admin Roles Test Shop", "");
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : adminEndpoints()) {
            tests.add(DynamicTest.dynamicTest(endpoint + " with the admin key: allowed", () -> {
                Api.Response r = call(endpoint, admin());
                assertThat(r.status()).as(r.body()).isNotIn(401, 403);
            }));
            tests.add(DynamicTest.dynamicTest(endpoint + " with a consumer's token: 403", () -> {
                Api.Response r = call(endpoint, Api.bearer(consumer));
                assertThat(r.status()).as(r.body()).isEqualTo(403);
                assertThat(r.error("code")).isEqualTo("permission_denied");
            }));
            tests.add(DynamicTest.dynamicTest(endpoint + " with a merchant's key: 403", () -> {
                Api.Response r = call(endpoint, merchant.bearer());
                assertThat(r.status()).as(r.body()).isEqualTo(403);
                assertThat(r.error("code")).isEqualTo("permission_denied");
            }));
            tests.add(DynamicTest.dynamicTest(endpoint + " without a token: 401", () -> {
                Api.Response r = call(endpoint, null);
                assertThat(r.status()).as(r.body()).isEqualTo(401);
            }));
        }
        return tests.stream();
    }

    /** The endpoint called with an empty JSON object as body where it takes one. */
    private Api.Response call(Endpoint endpoint, String authorization) {
        HttpRequest.BodyPublisher body = endpoint.method().equals("GET") || endpoint.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest.Builder request = api.request(endpoint.path()).method(endpoint.method(), body)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request.build());
    }

    private String consumerToken() {
        String phone = "+86139" + String.format(Locale.ROOT, "%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String password = "Plum-blossom 2026";
        Api.Response signedUp = api.postJson("/v1/users", "{\"phone\":\"" + phone + "\",\"password\":\"" + password
                + "\",\"name\":\"Han Meimei\"}");
        assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(201);
        Api.Response session = api.postJson("/v1/sessions", "{\"phone\":\"" + phone + "\",\"password\":\"" + password + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        return session.json().path("token").asString();
    }
}
