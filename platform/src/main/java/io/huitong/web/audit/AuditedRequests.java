package io.huitong.web.audit;

import io.huitong.audit.AuditScope;
import io.huitong.identity.ApiPrincipal;
import io.huitong.web.security.Callers;
import io.huitong.web.request.RequestBodies;
import io.huitong.web.request.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts every state-changing request of the institution's staff and of its merchants on the audit trail: an operator's
 * ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} on {@code /v1/admin/...}) and a merchant's (its webhook
 * endpoints, captures, cancellations, refunds, coupons and whatever else it changes through the API or its console),
 * with who, what, on which object, from which address, under which request id, and what was asked (the body, secrets
 * redacted). The payer-facing flows a merchant starts (creating and confirming a payment, opening a checkout) are left
 * to the ledger's own entries, which record every movement of their money. The record is written by the first
 * transaction that commits during the request, in that transaction; a request that succeeded without one gets a
 * transaction of its own.
 */
final class AuditedRequests extends OncePerRequestFilter {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String ADMIN = "/v1/admin/";
    /** A merchant's requests that start or carry on a payer's payment: their money is on the trail through the ledger. */
    private static final Pattern PAYER_FLOWS = Pattern.compile("/v1/(payments|payments/[^/]+/confirm|checkout/sessions)/?");
    /**
     * A path segment that looks like an object's id (a prefixed id, {@code mer_...}, or a number): the action's first
     * name, until the handler is known and names it by its path template ({@link AuditedHandlers}).
     */
    private static final Pattern ID = Pattern.compile("[a-z]{2,5}_[0-9A-Za-z]{6,}|[0-9]{1,19}");
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "otp", "totp", "cvc", "cvv", "pin", "key",
            "card", "number", "credential", "signature", "attestation", "assertion");
    private static final String REDACTED = "[redacted]";

    private final TransactionTemplate tx;
    private final JsonMapper json;

    AuditedRequests(TransactionTemplate tx, JsonMapper json) {
        this.tx = tx;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !CHANGES.contains(request.getMethod()) || !path.startsWith("/v1/") || PAYER_FLOWS.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiPrincipal caller = Callers.current();
        ApiPrincipal.Kind recorded = request.getRequestURI().startsWith(ADMIN) ? ApiPrincipal.Kind.OPERATOR : ApiPrincipal.Kind.MERCHANT;
        if (caller == null || caller.kind() != recorded) {
            chain.doFilter(request, response);
            return;
        }
        String[] segments = request.getRequestURI().split("/");
        String objectType = null;
        String objectId = null;
        StringBuilder action = new StringBuilder(request.getMethod()).append(' ');
        for (int i = 1; i < segments.length; i++) {
            boolean id = ID.matcher(segments[i]).matches();
            if (id) {
                objectId = segments[i];
                objectType = segments[i - 1];
            }
            action.append('/').append(id ? "{id}" : segments[i]);
        }
        AuditScope scope = new AuditScope(caller.id(), action.toString(), objectType, objectId, request.getRemoteAddr(), MDC.get(RequestIds.MDC_KEY),
                body(request));
        try (AuditScope.Opened opened = scope.open()) {
            chain.doFilter(request, response);
            if (!scope.recorded() && response.getStatus() < 400) {
                // it changed something without a transaction of its own (or only read-only ones): record it now
                tx.executeWithoutResult(s -> AuditScope.note("status", response.getStatus()));
            }
        }
        AuditScope followUp = scope.followUp();
        if (followUp != null) {
            // what the change came to, known only after its transaction recorded it
            try (AuditScope.Opened opened = followUp.open()) {
                tx.executeWithoutResult(s -> AuditScope.note("status", response.getStatus()));
            }
        }
    }

    /** The request's JSON object with every secret-looking field redacted; null when there is none. */
    private Map<String, Object> body(HttpServletRequest request) {
        byte[] bytes = RequestBodies.of(request);
        if (bytes.length == 0) {
            return null;
        }
        try {
            Object parsed = json.readValue(bytes, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return redact(map);
            }
            return Map.of("body", "not a JSON object");
        } catch (JacksonException e) {
            return Map.of("body", "not JSON");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> redact(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            String lower = key.toLowerCase(Locale.ROOT);
            if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
                out.put(key, v == null ? null : REDACTED);
            } else if (v instanceof Map<?, ?> nested) {
                out.put(key, redact(nested));
            } else if (v instanceof List<?> list) {
                out.put(key, list.stream().map(e -> e instanceof Map<?, ?> m ? redact(m) : e).toList());
            } else {
                out.put(key, v);
            }
        });
        return out;
    }
}
