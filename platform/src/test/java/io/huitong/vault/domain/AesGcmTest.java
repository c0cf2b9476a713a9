package io.huitong.vault.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Sealing and opening with the cipher each thread reuses. */
class AesGcmTest {

    private static SecretKey key(int seed) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) seed);
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesSealedOneAfterAnotherOnOneThreadOpenWithTheirKeyAndAadOnly() throws GeneralSecurityException {
        SecretKey key = key(1);
        Set<String> nonces = new HashSet<>();
        List<byte[]> sealed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] s = AesGcm.seal(key, utf8("4242424242424242/" + i), utf8("card"));
            assertThat(s).hasSize(AesGcm.NONCE_BYTES + ("4242424242424242/" + i).length() + 16);
            nonces.add(java.util.HexFormat.of().formatHex(s, 0, AesGcm.NONCE_BYTES));
            sealed.add(s);
        }
        assertThat(nonces).hasSize(200);
        byte[] first = sealed.getFirst();
        assertThatThrownBy(() -> AesGcm.open(key(2), first, utf8("card"))).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> AesGcm.open(key, first, utf8("pan"))).isInstanceOf(GeneralSecurityException.class);
        byte[] altered = first.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> AesGcm.open(key, altered, utf8("card"))).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> AesGcm.open(key, new byte[AesGcm.NONCE_BYTES], utf8("card"))).isInstanceOf(GeneralSecurityException.class);
        // a refused message leaves the thread's cipher usable for the next one
        for (int i = 0; i < sealed.size(); i++) {
            assertThat(new String(AesGcm.open(key, sealed.get(i), utf8("card")), StandardCharsets.UTF_8)).isEqualTo("4242424242424242/" + i);
        }
    }

    @Test
    void threadsSealAndOpenAtOnceUnderTheirOwnKeys() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    SecretKey key = key(seed);
                    for (int i = 0; i < 2_000; i++) {
                        byte[] plain = utf8(seed + ":" + i);
                        assertThat(AesGcm.open(key, AesGcm.seal(key, plain, utf8("aad")), utf8("aad"))).isEqualTo(plain);
                    }
                    return seed;
                }));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
        }
    }
}
