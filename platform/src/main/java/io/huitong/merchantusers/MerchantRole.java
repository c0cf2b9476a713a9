package io.huitong.merchantusers;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A merchant user's role, and what it may open:
 * <ul>
 *   <li>{@link #OWNER}: everything, and the only role that manages the team and the dashboard's settings;</li>
 *   <li>{@link #DEVELOPER}: API keys and webhooks;</li>
 *   <li>{@link #FINANCE}: the overview, payments (view, export, refund), settlements, payouts and the balance;</li>
 *   <li>{@link #SUPPORT}: payments (view, and refunds of at most the merchant's limit for support staff) and coupons
 *       (view).</li>
 * </ul>
 */
public enum MerchantRole {
    OWNER(EnumSet.allOf(Permission.class)),
    DEVELOPER(EnumSet.of(Permission.DEVELOPERS)),
    FINANCE(EnumSet.of(Permission.OVERVIEW, Permission.PAYMENTS_VIEW, Permission.PAYMENTS_EXPORT, Permission.PAYMENTS_REFUND,
            Permission.SETTLEMENTS)),
    SUPPORT(EnumSet.of(Permission.PAYMENTS_VIEW, Permission.PAYMENTS_REFUND, Permission.COUPONS_VIEW));

    private final Set<Permission> permissions;

    MerchantRole(Set<Permission> permissions) {
        this.permissions = java.util.Collections.unmodifiableSet(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** Whether its refunds are held to the merchant's limit for support staff ({@link DashboardSettings#supportRefundLimit()}). */
    public boolean refundsLimited() {
        return this == SUPPORT;
    }

    /** The name in the API and the forms: {@code owner}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MerchantRole> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }

    /** The role named {@code name}, or a 400 on {@code role} that lists the roles. */
    public static MerchantRole require(String name) {
        if (name == null || name.isBlank()) {
            throw io.huitong.kernel.ApiException.missing("role");
        }
        return fromWire(name.strip().toLowerCase(Locale.ROOT)).orElseThrow(() -> io.huitong.kernel.ApiException.invalid("role",
                "role must be one of owner, developer, finance, support"));
    }
}
