package io.huitong.merchantusers;

import java.time.Instant;

/**
 * A member of a merchant's staff as the dashboard and the API show them; never the password or the TOTP secret.
 *
 * @param status    {@link #INVITED} (the invitation is not accepted yet), {@link #ACTIVE} or {@link #DISABLED}
 * @param invitedBy who invited them: an operator's id ({@code op_...}, {@code admin}) or an owner's ({@code musr_...})
 */
public record MerchantUser(String id, String merchantId, String email, MerchantRole role, String status, boolean mfaEnabled,
                           String invitedBy, Instant createdAt, Instant lastLoginAt) {

    public static final String INVITED = "invited";
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
