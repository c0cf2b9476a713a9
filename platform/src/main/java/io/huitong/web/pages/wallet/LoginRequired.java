package io.huitong.web.pages.wallet;

/** A wallet page asked for without a valid session: the payer logs in first ({@link WalletPageAdvice}). */
final class LoginRequired extends RuntimeException {

    LoginRequired() {
        super("login required", null, false, false);
    }
}
