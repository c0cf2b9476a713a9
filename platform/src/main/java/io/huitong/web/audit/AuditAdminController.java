package io.huitong.web.audit;

import io.huitong.audit.AuditLog;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The audit chain (docs/api.md, "Audit and approvals"): read by the auditor and the security administrator; nobody changes it. */
@RestController
@RequestMapping("/v1/admin/audit")
@Tag(name = "Audit (operator)")
@AllowedRoles({OperatorRole.ADMIN, OperatorRole.SECURITY, OperatorRole.AUDITOR})
class AuditAdminController {

    private final AuditLog audit;
    private final JsonMapper json;

    AuditAdminController(AuditLog audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "Audit entries, newest first; starting_after and ending_before are sequence numbers")
    Page<AuditEntryView> list(@Parameter(description = "entries about this object: any id (pay_..., mer_..., a ledger transfer's id)")
                              @RequestParam(required = false) String object,
                              @Parameter(description = "entries of this actor: an operator id, system...") @RequestParam(required = false) String actor,
                              PageRequest page) {
        return audit.list(text("object", object), text("actor", actor), page.limit(), seq("starting_after", page.startingAfter()),
                seq("ending_before", page.endingBefore())).map(e -> AuditEntryView.of(e, json));
    }

    @GetMapping("/verify")
    @Operation(summary = "Walks the whole chain: every link, hash, recorded ledger transfer and day's seal",
            description = "{valid:true, entries, head} or {valid:false, first_broken_seq, reason, broken_seal?}: the first sequence number "
                    + "that does not hold, whether an entry was altered or removed, a ledger transfer it records changed, or a seal no "
                    + "longer matches.")
    Map<String, Object> verify() {
        return audit.verify().view();
    }

    @GetMapping("/{seq}")
    @Operation(summary = "One entry")
    AuditEntryView get(@PathVariable String seq) {
        Long n = seq("seq", seq);
        return audit.find(n).map(e -> AuditEntryView.of(e, json)).orElseThrow(() -> ApiException.notFound("audit entry", seq));
    }

    private static String text(String param, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > 128) {
            throw ApiException.invalid(param, param + " must be 1 to 128 characters");
        }
        return value;
    }

    private static Long seq(String param, String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.invalid(param, param + " must be a sequence number (a positive integer)");
        }
        return Long.parseLong(value);
    }
}
