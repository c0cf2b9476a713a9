package io.huitong.web.pages.merchant;

/** A dashboard page asked for without a live session: the user logs in first ({@link MerchantPageAdvice}). */
final class LoginRequired extends RuntimeException {

    LoginRequired() {
        super("login required", null, false, false);
    }
}
