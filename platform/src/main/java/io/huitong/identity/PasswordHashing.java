package io.huitong.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords are hashed ({@code huitong.password-hashing}): Argon2id with a 16-byte salt and a 32-byte hash, at the
 * cost set here. The defaults are Spring Security's (16 MiB, 2 passes, 1 lane); an institution with faster machines may
 * raise them. A hash keeps the cost it was made with, so hashes made before a change are still checked.
 *
 * @param memoryKib   memory per hash, in KiB (at least 8 per lane)
 * @param iterations  passes over the memory (at least 1)
 * @param parallelism lanes (at least 1)
 */
@ConfigurationProperties("huitong.password-hashing")
public record PasswordHashing(Integer memoryKib, Integer iterations, Integer parallelism) {

    /** Spring Security's default memory cost: 16 MiB with two passes. */
    static final int RECOMMENDED_MEMORY_KIB = 16_384;

    public PasswordHashing {
        memoryKib = memoryKib == null ? RECOMMENDED_MEMORY_KIB : memoryKib;
        iterations = iterations == null ? 2 : iterations;
        parallelism = parallelism == null ? 1 : parallelism;
        if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
            throw new IllegalArgumentException("huitong.password-hashing: memory-kib must be at least 8 per lane, iterations and"
                    + " parallelism at least 1 (got memory-kib=" + memoryKib + ", iterations=" + iterations + ", parallelism="
                    + parallelism + ")");
        }
    }

    /** Below Spring Security's defaults: a stolen table of hashes is cheaper to guess through. */
    public boolean weak() {
        return memoryKib < RECOMMENDED_MEMORY_KIB || iterations < 2;
    }

    /** One encoder for the hashes written and those checked. */
    public PasswordEncoder encoder() {
        return new Argon2PasswordEncoder(16, 32, parallelism, memoryKib, iterations);
    }
}
