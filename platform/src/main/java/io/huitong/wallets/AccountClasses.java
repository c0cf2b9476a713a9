package io.huitong.wallets;

/** Which class a consumer's wallet is in. */
public interface AccountClasses {

    AccountClass classOf(String userId);
}
