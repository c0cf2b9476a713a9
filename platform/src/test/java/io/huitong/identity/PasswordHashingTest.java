package io.huitong.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTest {

    @Test
    void theDefaultsAreSpringSecuritysArgon2idCost() {
        PasswordHashing defaults = new PasswordHashing(null, null, null);
        assertThat(defaults.memoryKib()).isEqualTo(16_384);
        assertThat(defaults.iterations()).isEqualTo(2);
        assertThat(defaults.parallelism()).isEqualTo(1);
        assertThat(defaults.weak()).isFalse();
        assertThat(defaults.encoder().encode("correct horse battery")).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");
    }

    @Test
    void aHashKeepsItsCostSoAChangedCostStillChecksEarlierHashes() {
        PasswordEncoder cheap = new PasswordHashing(64, 1, 1).encoder();
        PasswordEncoder dearer = new PasswordHashing(256, 3, 2).encoder();
        String earlier = cheap.encode("correct horse battery");
        assertThat(earlier).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(dearer.matches("correct horse battery", earlier)).isTrue();
        assertThat(dearer.matches("correct horse battery!", earlier)).isFalse();
        assertThat(dearer.encode("correct horse battery")).startsWith("$argon2id$v=19$m=256,t=3,p=2$");
    }

    @Test
    void aCostBelowTheDefaultsIsWeakAndAnImpossibleOneIsRefused() {
        assertThat(new PasswordHashing(64, 1, 1).weak()).isTrue();
        assertThat(new PasswordHashing(16_384, 1, 1).weak()).isTrue();
        assertThat(new PasswordHashing(65_536, 3, 4).weak()).isFalse();
        assertThatThrownBy(() -> new PasswordHashing(8, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory-kib must be at least 8 per lane");
        assertThatThrownBy(() -> new PasswordHashing(64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHashing(64, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
