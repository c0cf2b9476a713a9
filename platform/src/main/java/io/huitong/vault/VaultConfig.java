package io.huitong.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master key: {@code HUITONG_MASTER_KEY} (32 bytes, base64) when set; otherwise the file
 * {@code master.key} in the data directory, generated on first start with owner-only permissions.
 * Losing it makes sealed data unreadable: back it up with the database, but not next to it.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfig {

    private static final Logger log = LoggerFactory.getLogger(VaultConfig.class);
    static final String KEY_FILE = "master.key";

    @Bean
    Vault vault(@Value("${huitong.master-key:}") String configuredKey, @Value("${huitong.data-dir}") String dataDir) {
        if (!configuredKey.isBlank()) {
            AesGcmVault vault = new AesGcmVault(decode(configuredKey.strip(), "HUITONG_MASTER_KEY"));
            log.info("Vault: master key {} from HUITONG_MASTER_KEY", vault.keyId());
            return vault;
        }
        Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve(KEY_FILE);
        AesGcmVault vault = new AesGcmVault(loadOrCreate(file));
        log.info("Vault: master key {} from {}", vault.keyId(), file);
        return vault;
    }

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another instance on the same data dir created it first: use theirs
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.CREATE_NEW);
                    return key;
                }
            }
            return decode(Files.readString(file).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key in " + source + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("the master key in " + source + " must be 32 bytes, base64-encoded (openssl rand -base64 32)");
        }
        return key;
    }
}
