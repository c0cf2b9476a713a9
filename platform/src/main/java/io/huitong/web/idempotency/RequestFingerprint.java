package io.huitong.web.idempotency;

import io.huitong.vault.Fingerprint;
import io.huitong.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What makes two requests "the same" for an idempotency key: method, path and body. JSON bodies are
 * compared by content (keys sorted, whitespace dropped), so a client that re-serializes its retry
 * differently is still recognised; anything else is compared byte by byte.
 *
 * <p>The fingerprint is keyed: HMAC-SHA256 under the vault's key for {@value #PURPOSE}, derived from the
 * master key. A body holds card numbers, and a plain hash of it could be reversed by whoever reads the
 * table, by trying every number that fits a known BIN and last four; without the master key a keyed one
 * tells nothing.
 *
 * <p>Fields named {@code cvc} (in any object, in any case) are left out altogether. No CVC is kept after
 * authorization, hashed or not, and a keyed hash is still a hash. Leaving it out means that a retry which
 * differs only in its CVC counts as the same request, and that is right: the CVC takes part in the
 * authorization only, it does not change what the request does (amount, card, merchant, metadata), and
 * such a retry gets the first answer replayed, it does not run again.
 */
public final class RequestFingerprint {

    /** The vault purpose of request fingerprints; a new canonical form would need a new purpose (and version). */
    static final String PURPOSE = "idempotency-request-v1";

    /** How the fingerprint of a stored key was made ({@code fingerprint_version}, see V17). */
    static final int UNKEYED = 0;
    static final int ERASED = 1;
    static final int KEYED = 2;
    /** What an erased fingerprint reads: never equal to a fingerprint, for any release. */
    static final String ERASED_MARK = "erased";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CVC = "cvc";

    private final Vault vault;

    RequestFingerprint(Vault vault) {
        this.vault = vault;
    }

    /** The request's fingerprint, streamed into the HMAC: neither the body nor its canonical form is copied. */
    public Presented of(String method, String path, byte[] body) {
        Fingerprint fingerprint = vault.startFingerprint(PURPOSE);
        fingerprint.write((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
        JsonNode json = json(body);
        if (json == null) {
            fingerprint.write(body);
        } else {
            try (JsonGenerator out = JSON.createGenerator(fingerprint)) {
                writeCanonical(json, out);
            }
        }
        return new Presented(fingerprint.hex(), method, path, body);
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(body);
            return json == null || json.isMissingNode() ? null : json;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void writeCanonical(JsonNode node, JsonGenerator out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> field : fields) {
                if (!CVC.equalsIgnoreCase(field.getKey())) {
                    out.writeName(field.getKey());
                    writeCanonical(field.getValue(), out);
                }
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode item : node.values()) {
                writeCanonical(item, out);
            }
            out.writeEndArray();
        } else {
            out.writeTree(node);
        }
    }

    /** A presented request: its fingerprint, and whether a stored key was made by the same request. */
    public static final class Presented {

        private final String value;
        private final String method;
        private final String path;
        private final byte[] body;

        private Presented(String value, String method, String path, byte[] body) {
            this.value = value;
            this.method = method;
            this.path = path;
            this.body = body;
        }

        /** The fingerprint to store with the key: 64 hex digits, {@link #KEYED}. */
        public String value() {
            return value;
        }

        boolean sameAs(int version, String stored) {
            return switch (version) {
                case KEYED -> MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII), stored.getBytes(StandardCharsets.US_ASCII));
                // Keys stored before fingerprints were keyed lost theirs (V17, IdempotencyPurge), and nothing is
                // left to compare: the key alone identifies the request until it expires (48 h at most). A retry
                // of a completed one gets the first answer replayed, as it should; so does a different request
                // reusing the key, which used to be refused (422), but it does not run: nothing is done twice.
                // A key still in flight after its instance died is taken over by the next request under it, as
                // a retry's would be, and gets that request's fingerprint.
                case ERASED -> true;
                case UNKEYED -> stored.equals(Unkeyed.fingerprint(method, path, body));
                // a format of a later release (this instance runs an earlier one): refuse rather than guess
                default -> false;
            };
        }
    }

    /**
     * The fingerprint as releases before V17 made it: SHA-256 of method, path and body, CVC included. Such a
     * fingerprint is only ever compared, for a key written by an instance of such a release (during a
     * rolling upgrade) before {@link IdempotencyPurge} erases it; nothing is stored in this form any more.
     * Once every instance runs a later release and the retention has passed, this can go.
     */
    private static final class Unkeyed {

        static String fingerprint(String method, String path, byte[] body) {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
                JsonNode json = json(body);
                sha256.update(json == null ? body : JSON.writeValueAsBytes(sorted(json)));
                return HexFormat.of().formatHex(sha256.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }

        private static Object sorted(JsonNode node) {
            if (node.isObject()) {
                Map<String, Object> fields = new TreeMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    fields.put(field.getKey(), sorted(field.getValue()));
                }
                return fields;
            }
            if (node.isArray()) {
                List<Object> items = new ArrayList<>();
                for (JsonNode item : node.values()) {
                    items.add(sorted(item));
                }
                return items;
            }
            return node;
        }
    }
}
