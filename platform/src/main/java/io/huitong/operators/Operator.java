package io.huitong.operators;

import io.huitong.identity.OperatorRole;
import java.time.Instant;
import java.util.Set;

/** An operator as the API shows it; never the password or the TOTP secret. */
public record Operator(String id, String email, String name, Set<OperatorRole> roles, boolean mfaEnabled, String status,
                       Instant createdAt) {

    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    /** Created with roles that wait for a security administrator's approval: can't log in yet. */
    public static final String PENDING = "pending";
}
