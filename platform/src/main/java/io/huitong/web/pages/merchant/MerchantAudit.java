package io.huitong.web.pages.merchant;

import io.huitong.audit.AuditScope;
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
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts what a merchant's staff do on the dashboard on the audit trail, under the user ({@code musr_...}, the merchant and
 * the role in the entry's detail): every form they post (a refund, a key rotation, an invitation, a coupon, a logout ...)
 * and every file they take away (an export of payments, a statement). The action is named by its handler's path template
 * ({@code POST /merchant/payments/{id}/refund}, its object the payment); the form's fields go with it, passwords, codes,
 * tokens and other secrets redacted. The entry is written by the first transaction that commits during the request, in
 * that transaction, so that the change and its record are kept or lost together; a request that succeeded without one
 * (a refund submitted twice, whose second answer is the first's) gets a transaction of its own. Logins, failed ones
 * included, and the acceptance of an invitation are recorded by their pages ({@link MerchantAccessController}).
 */
final class MerchantAudit extends OncePerRequestFilter {

    /** Pages of people not logged in yet, which record their attempts themselves. */
    private static final Set<String> OWN_RECORDS = Set.of("/merchant/login", "/merchant/invitation", "/merchant/invitation/password",
            "/merchant/invitation/totp", "/merchant/denied", "/merchant/refused");
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "otp", "code", "key", "csrf", "card");
    /** Coupon codes are what the merchant hands out, not a secret: kept. */
    private static final Set<String> KEPT = Set.of("coupon_code", "idempotency_key");

    private final MerchantSessions sessions;
    private final TransactionTemplate tx;

    MerchantAudit(MerchantSessions sessions, TransactionTemplate tx) {
        this.sessions = sessions;
        this.tx = tx;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!uri.startsWith("/merchant/") || OWN_RECORDS.contains(uri)) {
            return true;
        }
        return !"POST".equals(request.getMethod()) && !takesAFile(request);
    }

    /** A download of what the dashboard shows: an export of payments, a settlement's statement. */
    static boolean takesAFile(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return "GET".equals(request.getMethod()) && (uri.endsWith("/export") || uri.matches("/merchant/settlements/[^/]+/statement\\.[a-z]+"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the session is looked up before the scope opens: its own bookkeeping is not the user's action
        Staff staff = sessions.staff(request).orElse(null);
        if (staff == null) {
            chain.doFilter(request, response);
            return;
        }
        AuditScope scope = new AuditScope(staff.userId(), request.getMethod() + " " + request.getRequestURI(), null, null,
                request.getRemoteAddr(), MDC.get(RequestIds.MDC_KEY), fields(request));
        try (AuditScope.Opened opened = scope.open()) {
            AuditScope.note("merchant", staff.merchantId());
            AuditScope.note("role", staff.role().wireName());
            chain.doFilter(request, response);
            if (!scope.recorded() && response.getStatus() < 400) {
                tx.executeWithoutResult(s -> AuditScope.note("status", response.getStatus()));
            }
        }
        AuditScope followUp = scope.followUp();
        if (followUp != null) {
            try (AuditScope.Opened opened = followUp.open()) {
                tx.executeWithoutResult(s -> AuditScope.note("status", response.getStatus()));
            }
        }
    }

    /** The form's fields (or the download's query), each secret-looking one redacted; null when there are none. */
    static Map<String, Object> fields(HttpServletRequest request) {
        Map<String, Object> out = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("_csrf")) {
                return;
            }
            Object value = values.length == 1 ? values[0] : List.of(values);
            out.put(name, !KEPT.contains(lower) && SECRET_WORDS.stream().anyMatch(lower::contains) ? "[redacted]" : value);
        });
        return out.isEmpty() ? null : out;
    }
}
