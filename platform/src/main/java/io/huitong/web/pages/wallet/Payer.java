package io.huitong.web.pages.wallet;

/**
 * The payer a wallet page is for: the consumer behind the session cookie, and that session's token (to end it on
 * logout). A handler method asks for one by declaring a parameter of this type; without a valid session the payer is
 * sent to the login page ({@link LoginRequired}). {@link #toString()} hides the token.
 */
record Payer(String userId, String token) {

    @Override
    public String toString() {
        return "Payer[" + userId + "]";
    }
}
