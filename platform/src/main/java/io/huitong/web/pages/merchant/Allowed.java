package io.huitong.web.pages.merchant;

import io.huitong.merchantusers.Permission;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may open a dashboard handler: a logged-in user whose role holds any of these permissions ({@link MerchantGate}).
 * On a method it replaces its class's.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@interface Allowed {

    Permission[] value();
}
