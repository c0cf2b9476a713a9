package io.huitong.web.pages.merchant;

import io.huitong.merchantusers.MerchantRole;
import io.huitong.merchantusers.Permission;

/**
 * The merchant user a dashboard page is for: who, of which merchant (and its name, for the page's header), with which
 * role now. A handler method asks for one by declaring a parameter of this type; without a live session the user is
 * sent to the login page ({@link LoginRequired}).
 */
public record Staff(String userId, String merchantId, String merchantName, String email, MerchantRole role) {

    public boolean may(Permission permission) {
        return role.may(permission);
    }

    /** For the templates: {@code ${staff.may('PAYMENTS_VIEW')}}. */
    public boolean may(String permission) {
        return role.may(Permission.valueOf(permission));
    }
}
