package io.huitong.web.audit;

import io.huitong.audit.AuditEntry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An entry of the audit chain in the API. */
@Schema(name = "AuditEntry")
record AuditEntryView(@Schema(allowableValues = "audit_entry") String object, long seq, Instant at,
                      @Schema(description = "an operator id, mer_..., usr_... or system") String actor,
                      @Schema(description = "such as POST /v1/admin/merchants/{id}/bank_account, or ledger.transfers for moved money") String action,
                      @Schema(description = "the kind of object, such as merchants or ledger_transfer", nullable = true) String objectType,
                      @Schema(description = "the id of the object it is about", nullable = true) String objectId,
                      @Schema(nullable = true) String ip, @Schema(nullable = true) String requestId,
                      @Schema(description = "what changed: the request (secrets redacted), notes such as before; for moved money the transfers, "
                              + "their references and the digest of what they moved") JsonNode detail,
                      @Schema(allowableValues = {"sm3", "sha256"}) String algorithm, String prevHash, String hash) {

    static AuditEntryView of(AuditEntry e, JsonMapper json) {
        JsonNode detail;
        try {
            detail = json.readTree(e.detail());
        } catch (JacksonException broken) {
            detail = json.getNodeFactory().stringNode(e.detail());
        }
        return new AuditEntryView("audit_entry", e.seq(), e.at(), e.actor(), e.action(), e.objectType(), e.objectId(), e.ip(), e.requestId(),
                detail, e.algorithm(), e.prevHash(), e.hash());
    }
}
