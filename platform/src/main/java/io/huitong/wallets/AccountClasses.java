package io.huitong.wallets;

import java.util.Optional;

/** Which class a consumer's wallet is in: empty while no channel verified the consumer. */
public interface AccountClasses {

    Optional<AccountClass> classOf(String userId);
}
