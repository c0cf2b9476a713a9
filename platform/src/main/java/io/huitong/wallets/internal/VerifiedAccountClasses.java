package io.huitong.wallets.internal;

import io.huitong.consumers.Users;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.AccountClasses;

/** A real-name verified consumer's wallet is class I; any other is the configured unverified class (III). */
final class VerifiedAccountClasses implements AccountClasses {

    private final Users users;
    private final AccountClass unverified;

    VerifiedAccountClasses(Users users, AccountClass unverified) {
        this.users = users;
        this.unverified = unverified;
    }

    @Override
    public AccountClass classOf(String userId) {
        return users.realNameVerified(userId) ? AccountClass.I : unverified;
    }
}
