package io.huitong.web.operators;

import io.huitong.identity.OperatorRole;
import io.huitong.operators.Operator;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** An operator in the API: roles by their API names; never the password or the TOTP secret. */
record OperatorView(@Schema(allowableValues = "operator") String object, String id, String email, String name,
                    @Schema(description = "admin, risk_analyst, finance, auditor, support") List<String> roles,
                    @Schema(description = "whether TOTP is enrolled; until it is, the operator can only enrol") boolean mfaEnabled,
                    @Schema(allowableValues = {"active", "disabled"}) String status, Instant createdAt) {

    static OperatorView of(Operator o) {
        return new OperatorView("operator", o.id(), o.email(), o.name(), o.roles().stream().map(OperatorRole::wireName).toList(),
                o.mfaEnabled(), o.status(), o.createdAt());
    }
}
