package io.huitong.web.vault;

import io.huitong.web.audit.RecordedChanges;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.Page;
import io.huitong.vault.VaultKeys;
import io.huitong.web.approvals.ApprovalView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The vault's master keys (README "Master keys"): which exist and what they wrap, rotation after a second operator's
 * approval, destruction of a retired key. Never any key material.
 */
@RestController
@RequestMapping("/v1/admin/keys")
@Tag(name = "Keys (operator)")
@AllowedRoles({OperatorRole.ADMIN, OperatorRole.SECURITY})
class KeyAdminController {

    private final VaultKeys keys;

    KeyAdminController(VaultKeys keys) {
        this.keys = keys;
    }

    @Schema(name = "AdminMasterKey")
    record MasterKeyView(@Schema(allowableValues = "master_key") String object,
                         @Schema(description = "the first 4 bytes of the key's SHA-256, in hex") String id,
                         @Schema(allowableValues = {"current", "retired", "destroyed", "staged"},
                                 description = "staged: held by the node that answered, not used by the keyring yet") String status,
                         @Schema(description = "when the keyring started using it", nullable = true) Instant createdAt,
                         @Schema(description = "when a rotation replaced it", nullable = true) Instant retiredAt,
                         @Schema(nullable = true) Instant destroyedAt,
                         @Schema(description = "how many data keys it wraps now") int dataKeys,
                         @Schema(description = "where the node that answered holds it: master.keys, master.key, HUITONG_MASTER_KEY, "
                                 + "HUITONG_MASTER_KEY_NEXT; empty when it does not") List<String> heldIn) {

        static MasterKeyView of(VaultKeys.MasterKeyInfo k) {
            return new MasterKeyView("master_key", k.id(), k.status(), k.createdAt(), k.retiredAt(), k.destroyedAt(), k.dataKeys(), k.heldIn());
        }
    }

    @Schema(name = "AdminKeyRotation")
    record Rotate(@Schema(description = "the id of a staged master key to rotate to, held by every node; left out, the node that "
            + "carries out the approved rotation generates one into its master.keys", nullable = true) String masterKey) {
    }

    @GetMapping
    @Operation(summary = "The master keys: current, retired, destroyed, and those staged on this node, with the data keys each wraps")
    Page<MasterKeyView> list() {
        return new Page<>(keys.masterKeys().stream().map(MasterKeyView::of).toList(), false);
    }

    @PostMapping("/rotate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Ask for a master key rotation; answers 202 with the approval it waits for",
            description = "An operator with the security role (or admin), not the requester, approves it at /v1/admin/approvals/{id}/approve;"
                    + " the approval wraps every data key anew under the new master key in one transaction. Refusals: master_key not 8 hex"
                    + " digits 400 parameter_invalid; a key the keyring used before 409 master_key_used; a key this node does not hold 409"
                    + " master_key_unavailable; a rotation already waiting 409 key_rotation_pending.")
    ApprovalView rotate(ApiPrincipal caller, @RequestBody(required = false) Rotate body) {
        return ApprovalView.of(keys.requestRotation(body == null ? null : body.masterKey(), caller.id()));
    }

    @PostMapping("/{id}/destroy")
    @Operation(summary = "Destroy a retired master key: recorded as destroyed, and removed from this node's key files",
            description = "Refused while it wraps any data key (409 master_key_in_use) or is current (409 master_key_current). Other nodes"
                    + " remove it from their key files at their next start; a key given in HUITONG_MASTER_KEY or HUITONG_MASTER_KEY_NEXT stays"
                    + " there (held_in says so) until the operator removes it.")
    MasterKeyView destroy(ApiPrincipal caller, @PathVariable String id) {
        return RecordedChanges.change(() -> keys.masterKeys().stream().filter(k -> k.id().equals(id)).findFirst().map(MasterKeyView::of).orElse(null),
                () -> MasterKeyView.of(keys.destroy(id, caller.id())));
    }
}
