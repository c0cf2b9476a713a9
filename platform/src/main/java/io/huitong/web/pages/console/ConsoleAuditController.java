package io.huitong.web.pages.console;

import io.huitong.audit.AuditEntry;
import io.huitong.audit.AuditLog;
import io.huitong.audit.Verification;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit chain on screen, through the same log as {@code /v1/admin/audit}: its entries newest first, filtered by the object
 * they are about and by actor, each with what it recorded; and the verification of the whole chain (every link, hash, recorded
 * ledger transfer and day's seal) with its result.
 */
@Hidden
@Controller
@RequestMapping("/console/audit")
class ConsoleAuditController {

    private final AuditLog audit;

    ConsoleAuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @SameRolesAs("GET /v1/admin/audit")
    String list(@RequestParam(required = false) String object, @RequestParam(required = false) String actor,
                @RequestParam(required = false) String after, Model model) {
        String o = text("object", object);
        String a = text("actor", actor);
        Long cursor = seq("after", Forms.blank(after));
        Page<AuditEntry> page = audit.list(o, a, Forms.PAGE, cursor, null);
        model.addAttribute("object", o);
        model.addAttribute("actor", a);
        model.addAttribute("entries", page.data());
        model.addAttribute("next", page.hasMore() ? UriComponentsBuilder.fromPath("/console/audit").queryParamIfPresent("object", java.util.Optional.ofNullable(o))
                .queryParamIfPresent("actor", java.util.Optional.ofNullable(a)).queryParam("after", page.data().getLast().seq()).encode().toUriString()
                : null);
        return "console/audit/list";
    }

    @GetMapping("/verify")
    @SameRolesAs("GET /v1/admin/audit/verify")
    String verify(Model model) {
        Verification result = audit.verify();
        model.addAttribute("result", result);
        return "console/audit/verify";
    }

    /** As the API reads its filters: 1 to 128 characters; blank is no filter. */
    private static String text(String param, String value) {
        String s = Forms.blank(value);
        if (s != null && s.length() > 128) {
            throw ApiException.invalid(param, param + " must be 1 to 128 characters");
        }
        return s;
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
