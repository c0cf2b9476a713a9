package io.huitong.identity;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller of the API: an operator, a merchant ({@code mer_...}) or a consumer
 * ({@code usr_...}). It carries no secret, so it may be logged. {@code livemode} is true for a merchant
 * authenticated with an {@code sk_live_} key: live mode holds such callers to stricter rules (webhook URLs).
 * {@code roles} are an operator's (the admin key: {@code admin}); other callers have none.
 */
public record ApiPrincipal(Kind kind, String id, boolean livemode, Set<OperatorRole> roles) {

    public enum Kind {
        OPERATOR,
        MERCHANT,
        USER
    }

    /** The operator identity behind the admin key, for bootstrap and automation: role {@code admin}. */
    public static final String OPERATOR_ID = "admin";

    public ApiPrincipal {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("principal id is required");
        }
        roles = roles == null || roles.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(roles));
        if (kind != Kind.OPERATOR && !roles.isEmpty()) {
            throw new IllegalArgumentException("only operators have roles");
        }
    }

    public ApiPrincipal(Kind kind, String id, boolean livemode) {
        this(kind, id, livemode, Set.of());
    }

    /** A caller in test mode: every operator and consumer, and a merchant using an {@code sk_test_} key. */
    public ApiPrincipal(Kind kind, String id) {
        this(kind, id, false);
    }

    public static ApiPrincipal operator() {
        return new ApiPrincipal(Kind.OPERATOR, OPERATOR_ID, false, Set.of(OperatorRole.ADMIN));
    }

    /** An operator logged in with password and second factor ({@code op_...}). */
    public static ApiPrincipal operator(String operatorId, Set<OperatorRole> roles) {
        return new ApiPrincipal(Kind.OPERATOR, operatorId, false, roles);
    }

    /** Whether this is an operator holding one of {@code allowed}, or {@code admin}, which holds every right. */
    public boolean hasAnyRole(Collection<OperatorRole> allowed) {
        return kind == Kind.OPERATOR && (roles.contains(OperatorRole.ADMIN) || allowed.stream().anyMatch(roles::contains));
    }

    /**
     * The namespace of this caller's per-caller state such as idempotency keys ({@code merchant:mer_...}):
     * two callers never see each other's entries.
     */
    public String scope() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + id;
    }

    /** The merchant behind a merchant's call; any other caller is refused with 403. */
    public String merchantId() {
        if (kind != Kind.MERCHANT) {
            throw new ApiException(403, ErrorType.PERMISSION_ERROR, "permission_denied",
                    "This endpoint is for merchants: authenticate with the merchant's secret key.", null);
        }
        return id;
    }

    /** The consumer behind a consumer's call; any other caller is refused with 403. */
    public String userId() {
        if (kind != Kind.USER) {
            throw new ApiException(403, ErrorType.PERMISSION_ERROR, "permission_denied",
                    "This endpoint is for consumers: authenticate with a session token from POST /v1/sessions.", null);
        }
        return id;
    }

    /** The Spring Security role of this kind of caller, e.g. {@code ROLE_OPERATOR}. */
    public String role() {
        return "ROLE_" + kind.name();
    }
}
