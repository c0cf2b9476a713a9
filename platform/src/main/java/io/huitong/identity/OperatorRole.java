package io.huitong.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator may do on {@code /v1/admin/*}. Each admin endpoint declares the roles it allows with
 * {@link AllowedRoles}; {@link #ADMIN} holds every right and passes every declaration. The admin key is
 * an operator with the {@code admin} role.
 */
public enum OperatorRole {
    /** Everything, including managing operators and routing. */
    ADMIN,
    /**
     * The security administrator of MLPS level 3: keys, operator roles and sessions; approves key rotation
     * and role grants. Moves no money.
     */
    SECURITY,
    /** Reads channels and routing, to watch fraud and acquirer health. */
    RISK_ANALYST,
    /** Reads merchants; reads and moves money in the ledger. */
    FINANCE,
    /** Reads merchants, the ledger, channels and routing; changes nothing. */
    AUDITOR,
    /** Reads merchants, channels and routing, to answer merchants. */
    SUPPORT;

    /** The name in the API: {@code risk_analyst}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code risk_analyst} etc., if there is one. */
    public static Optional<OperatorRole> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }
}
