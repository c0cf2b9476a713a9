package io.huitong.web.pages.merchant;

/** A page the user's role may not open: a 403 page ({@link MerchantPageAdvice}). */
final class NotAllowed extends RuntimeException {

    NotAllowed() {
        super("not allowed", null, false, false);
    }
}
