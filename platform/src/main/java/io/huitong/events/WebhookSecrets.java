package io.huitong.events;

import io.huitong.vault.Vault;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhook signing secrets at rest. A secret is the HMAC key of every delivery, so it can't be reduced to a hash: it is
 * sealed by the vault, bound to its endpoint's id, and opened only to sign a delivery. Endpoints created before secrets
 * were sealed kept theirs in clear ({@code whsec_...}); {@link #sealKeptInClear()} seals them at start.
 */
final class WebhookSecrets {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);

    private final Vault vault;
    private final JdbcClient jdbc;

    WebhookSecrets(Vault vault, JdbcClient jdbc) {
        this.vault = vault;
        this.jdbc = jdbc;
    }

    /** What is stored for {@code secret} of endpoint {@code endpointId}. */
    String seal(String endpointId, String secret) {
        return vault.seal(secret, context(endpointId));
    }

    /** The secret of endpoint {@code endpointId} from what is stored (a secret still in clear as it is). */
    String open(String endpointId, String stored) {
        return inClear(stored) ? stored : vault.open(stored, context(endpointId));
    }

    /** Seals every secret still kept in clear; each row only if it is still as it was read, so that nodes starting at once agree. */
    int sealKeptInClear() {
        record Kept(String id, String secret) {
        }
        List<Kept> kept = jdbc.sql("select id, secret from webhook_endpoint where secret like ?").param(WebhookSignature.SECRET_PREFIX + "%")
                .query((rs, row) -> new Kept(rs.getString(1), rs.getString(2))).list();
        int sealed = 0;
        for (Kept k : kept) {
            sealed += jdbc.sql("update webhook_endpoint set secret = ? where id = ? and secret = ?")
                    .params(seal(k.id(), k.secret()), k.id(), k.secret()).update();
        }
        if (sealed > 0) {
            log.info("Webhooks: sealed the signing secrets of {} endpoints kept in clear", sealed);
        }
        return sealed;
    }

    private static boolean inClear(String stored) {
        return stored.startsWith(WebhookSignature.SECRET_PREFIX);
    }

    private static String context(String endpointId) {
        return "webhook_endpoint:" + endpointId;
    }
}
