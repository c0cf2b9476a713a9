package io.huitong.vault;

import io.huitong.approvals.Approval;
import java.time.Instant;
import java.util.List;

/**
 * The master keys, for operators: what the keyring uses and this node holds, rotation (after another operator's
 * approval) and destruction. Nothing here ever carries key material.
 */
public interface VaultKeys {

    String CURRENT = "current";
    String RETIRED = "retired";
    String DESTROYED = "destroyed";
    /** Held by this node but not used by the keyring yet: a key a rotation can move to. */
    String STAGED = "staged";

    /** The approval action of a master key rotation. */
    String ROTATE_ACTION = "vault.rotate_master_key";

    /**
     * A master key: {@code status} current, retired, destroyed or staged; {@code dataKeys}, how many data keys it wraps
     * now; {@code heldIn}, where this node holds it ({@code master.keys}, {@code master.key}, {@code HUITONG_MASTER_KEY},
     * {@code HUITONG_MASTER_KEY_NEXT}), empty when it does not.
     */
    record MasterKeyInfo(String id, String status, Instant createdAt, Instant retiredAt, Instant destroyedAt, int dataKeys,
                         List<String> heldIn) {
    }

    /** Every master key the keyring has used, oldest first, then those only staged on this node. */
    List<MasterKeyInfo> masterKeys();

    /**
     * Asks for a rotation of the current master key, which waits for an operator with the security role (not the
     * requester). {@code masterKeyId}: a key staged on the nodes to rotate to, or null for one generated into
     * {@code master.keys} of the node that carries out the approved rotation. Refusals: a malformed id 400; a key the
     * keyring used before 409 {@code master_key_used}; a key this node does not hold 409 {@code master_key_unavailable};
     * a rotation already waiting 409 {@code key_rotation_pending}.
     */
    Approval requestRotation(String masterKeyId, String operatorId);

    /**
     * Destroys a retired master key: the keyring records it as destroyed and this node removes it from its key files
     * (other nodes at their next start). Refusals: unknown 404; the current key 409 {@code master_key_current}; a key that
     * still wraps data keys 409 {@code master_key_in_use}. Destroying a destroyed key again only removes what this node
     * still holds of it.
     */
    MasterKeyInfo destroy(String masterKeyId, String operatorId);
}
