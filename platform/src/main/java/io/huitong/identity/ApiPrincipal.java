package io.huitong.identity;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import java.util.Locale;
import java.util.Objects;

/**
 * The authenticated caller of the API: an operator, a merchant ({@code mer_...}) or a consumer
 * ({@code usr_...}). It carries no secret, so it may be logged. {@code livemode} is true for a merchant
 * authenticated with an {@code sk_live_} key: live mode holds such callers to stricter rules (webhook URLs).
 */
public record ApiPrincipal(Kind kind, String id, boolean livemode) {

    public enum Kind {
        OPERATOR,
        MERCHANT,
        USER
    }

    /** The one operator identity behind the admin key. */
    public static final String OPERATOR_ID = "admin";

    public ApiPrincipal {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("principal id is required");
        }
    }

    /** A caller in test mode: every operator and consumer, and a merchant using an {@code sk_test_} key. */
    public ApiPrincipal(Kind kind, String id) {
        this(kind, id, false);
    }

    public static ApiPrincipal operator() {
        return new ApiPrincipal(Kind.OPERATOR, OPERATOR_ID);
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
