package io.huitong.wallets;

import java.util.Optional;

/** Which class a consumer's wallet is in: empty while no channel verified the consumer. */
public interface AccountClasses {

    Optional<AccountClass> classOf(String userId);

    /** The consumer as a payment from their wallet sees them: since when they are one, and their wallet's class; one read. */
    Optional<Holder> holder(String userId);

    /** A wallet's holder: when they signed up, and the wallet's class (empty while no channel verified them). */
    record Holder(java.time.Instant since, Optional<AccountClass> accountClass) {
    }
}
