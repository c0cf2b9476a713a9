package io.huitong.identity;

import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator (admin) key. It is {@code HUITONG_ADMIN_KEY} when set; otherwise a key generated on the
 * first start, of which only the SHA-256 is stored and which is printed exactly once.
 */
public final class OperatorKeys implements BearerAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(OperatorKeys.class);
    private static final String PREFIX = "hk_admin_";
    private static final int SHORT_KEY = 24;

    private final byte[] keyHash;

    private OperatorKeys(byte[] keyHash) {
        this.keyHash = keyHash;
    }

    static OperatorKeys load(OperatorKeyStore store, String configuredKey) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            if (configuredKey.length() < SHORT_KEY) {
                log.warn("HUITONG_ADMIN_KEY is shorter than {} characters; use a long random key outside local development.", SHORT_KEY);
            }
            return new OperatorKeys(SecretHashes.sha256(configuredKey));
        }
        Optional<String> stored = store.storedHash();
        if (stored.isPresent()) {
            return fromHex(stored.get());
        }
        String key = SecretKeys.generate(PREFIX);
        if (store.store(SecretHashes.sha256Hex(key))) {
            announce(key);
            return new OperatorKeys(SecretHashes.sha256(key));
        }
        // Another instance generated and printed its key at the same moment: that one is the key.
        return fromHex(store.storedHash().orElseThrow());
    }

    public boolean isOperatorKey(String presented) {
        return SecretHashes.matches(presented, keyHash);
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String credential) {
        return isOperatorKey(credential) ? Optional.of(ApiPrincipal.operator()) : Optional.empty();
    }

    private static OperatorKeys fromHex(String hex) {
        return new OperatorKeys(HexFormat.of().parseHex(hex));
    }

    // The one deliberate exception to "secrets never reach a log": without it nobody could administer a
    // fresh installation. It happens once; the key is not kept anywhere in plain text.
    private static void announce(String key) {
        String rule = "=".repeat(78);
        log.warn("""

                {}
                  Operator API key (shown once): {}
                  Use it as:  Authorization: Bearer <key>   on /v1/admin/...
                  Only its SHA-256 hash is stored; it will not be shown again.
                  To replace it, set HUITONG_ADMIN_KEY, or delete the row of table operator_key and restart.
                {}""", rule, key, rule);
    }
}
