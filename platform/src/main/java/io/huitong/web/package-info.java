/**
 * The HTTP API infrastructure of docs/api.md: the error shape, {@code Request-Id}, bearer authentication,
 * the generic idempotency layer for every {@code POST}, list pagination, OpenAPI and operations endpoints, and HTTPS
 * (the listener's certificate and protocol versions, HSTS).
 *
 * <p>Controllers in any module need nothing from this module's types:
 * <ul>
 *   <li>declare a parameter of type {@link io.huitong.identity.ApiPrincipal} to get the caller;</li>
 *   <li>declare a parameter of type {@link io.huitong.kernel.PageRequest} to get validated
 *       {@code limit}, {@code starting_after}, {@code ending_before};</li>
 *   <li>return a {@link io.huitong.kernel.Page} to answer {@code {"object":"list","data":[...],"has_more":...}};</li>
 *   <li>throw {@link io.huitong.kernel.ApiException} for any error the caller should see.</li>
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web", allowedDependencies = {"kernel", "identity", "ledger", "payments", "events", "channels", "consumers", "operators", "wallets", "aml", "risk", "vault", "settlement", "approvals", "reports", "reconciliation", "audit", "checkout", "insights", "merchantusers"})
package io.huitong.web;
