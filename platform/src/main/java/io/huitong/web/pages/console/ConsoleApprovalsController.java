package io.huitong.web.pages.console;

import io.huitong.approvals.Approval;
import io.huitong.approvals.Approvals;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.web.approvals.ApprovalView;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The approvals inbox, through the same service as {@code /v1/admin/approvals}: what waits for a second person, each with what
 * its approvers are shown, approved or rejected with a note. The service keeps the two-person rule: nobody decides on their own
 * request, only the approval's approver roles (and admin) decide, an operator votes once. The page says so before anyone tries.
 */
@Hidden
@Controller
@RequestMapping("/console/approvals")
class ConsoleApprovalsController {

    static final List<String> STATUSES = List.of(Approval.PENDING, Approval.APPROVED, Approval.REJECTED);
    private static final Set<String> DONE = Set.of("approved", "rejected", "requested");
    /** Where a decision may send the operator back to: a console page, by its path alone. */
    private static final Pattern BACK = Pattern.compile("/console(/[A-Za-z0-9_\\-/]*)?");

    private final Approvals approvals;

    ConsoleApprovalsController(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping
    @SameRolesAs("GET /v1/admin/approvals")
    String list(Staff staff, @RequestParam(required = false) String status, @RequestParam(required = false) String after, Model model) {
        String shown = status == null ? Approval.PENDING : Forms.choice(status, "status", Set.copyOf(STATUSES));
        Page<Approval> page = approvals.list(shown, Forms.page(after));
        model.addAttribute("status", shown);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("approvals", page.data().stream().map(a -> new Row(ApprovalView.of(a), decidable(a, staff))).toList());
        model.addAttribute("next", page.hasMore() ? "/console/approvals?status=" + shown + "&after=" + page.data().getLast().id() : null);
        return "console/approvals/list";
    }

    /** An approval as the list shows it, and whether this operator could decide it now. */
    record Row(ApprovalView approval, Decidable decidable) {
    }

    /** Whether an operator may decide a pending approval, and if not, why not: as {@link Approvals#approve} would refuse. */
    enum Decidable {
        YES, OWN_REQUEST, ROLE, VOTED, DECIDED;

        public String key() {
            return "console.approval.decidable." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static Decidable decidable(Approval a, Staff staff) {
        if (!Approval.PENDING.equals(a.status())) {
            return Decidable.DECIDED;
        }
        if (a.requestedBy().equals(staff.id())) {
            return Decidable.OWN_REQUEST;
        }
        if (!staff.hasAnyRole(a.approverRoles())) {
            return Decidable.ROLE;
        }
        if (a.approvals().stream().anyMatch(v -> v.operator().equals(staff.id()))) {
            return Decidable.VOTED;
        }
        return Decidable.YES;
    }

    @GetMapping("/{id}")
    @SameRolesAs("GET /v1/admin/approvals/{id}")
    String approval(Staff staff, @PathVariable String id, @RequestParam(required = false) String done, Model model) {
        Approval a = approvals.find(Forms.id(id, "approval")).orElseThrow(() -> ApiException.notFound("approval", id));
        model.addAttribute("approval", ApprovalView.of(a));
        model.addAttribute("decidable", decidable(a, staff));
        model.addAttribute("done", done != null && DONE.contains(done) ? "console.approval.done." + done : null);
        return "console/approvals/approval";
    }

    @PostMapping("/{id}/approve")
    @SameRolesAs("POST /v1/admin/approvals/{id}/approve")
    String approve(Staff staff, @PathVariable String id, @RequestParam(required = false) String note,
                   @RequestParam(required = false) String back) {
        approvals.approve(Forms.id(id, "approval"), staff.principal(), Forms.text(note, "note", 500));
        return "redirect:" + back(back, id) + "done=approved";
    }

    @PostMapping("/{id}/reject")
    @SameRolesAs("POST /v1/admin/approvals/{id}/reject")
    String reject(Staff staff, @PathVariable String id, @RequestParam(required = false) String note,
                  @RequestParam(required = false) String back) {
        approvals.reject(Forms.id(id, "approval"), staff.principal(), Forms.text(note, "note", 500));
        return "redirect:" + back(back, id) + "done=rejected";
    }

    /** The console page the form came from (a path of the console alone), else the approval's page; ready for a query. */
    private static String back(String back, String id) {
        String to = back != null && BACK.matcher(back).matches() && !back.contains("//") ? back : "/console/approvals/" + id;
        return to + "?";
    }
}
