package io.huitong.risk.internal;

import io.huitong.risk.domain.InMemoryVelocityStore;
import io.huitong.risk.domain.VelocityStore;

class InMemoryVelocityStoreTests extends VelocityStoreContract {

    final InMemoryVelocityStore store = new InMemoryVelocityStore(1000);

    @Override
    VelocityStore store() {
        return store;
    }

    @org.junit.jupiter.api.Test
    void memoryIsBoundedIdleKeysGoFirst() {
        InMemoryVelocityStore small = new InMemoryVelocityStore(100);
        java.time.Instant then = t0;
        small.add(new String[] {"busy"}, then.plus(java.time.Duration.ofDays(2)), 1, false);
        for (int i = 0; i < 300; i++) {
            small.add(new String[] {"idle-" + i}, then, 1, false);
        }
        small.add(new String[] {"busy"}, then.plus(java.time.Duration.ofDays(2)), 1, false);
        int kept = 0;
        for (int i = 0; i < 300; i++) {
            kept += small.window("idle-" + i, then).count24h();
        }
        org.assertj.core.api.Assertions.assertThat(kept).isLessThanOrEqualTo(100);
        org.assertj.core.api.Assertions.assertThat(small.window("busy", then.plus(java.time.Duration.ofDays(2))).count24h()).isEqualTo(2);
    }
}
