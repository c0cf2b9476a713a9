package io.huitong.risk.internal;

import io.huitong.risk.domain.InMemoryVelocityStore;
import io.huitong.risk.domain.VelocityStore;

class InMemoryVelocityStoreTests extends VelocityStoreContract {

    final InMemoryVelocityStore store = new InMemoryVelocityStore(1000);

    @Override
    VelocityStore store() {
        return store;
    }
}
