package io.huitong.web.pages.console;

import io.huitong.approvals.Approval;
import io.huitong.approvals.Approvals;
import io.huitong.kernel.PageRequest;
import io.huitong.risk.RiskAdmin;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's home: who is logged in, and what waits for them among the pages their roles open. */
@Hidden
@Controller
@RequestMapping("/console")
class ConsoleHomeController {

    private final RiskAdmin risk;
    private final Approvals approvals;

    ConsoleHomeController(RiskAdmin risk, Approvals approvals) {
        this.risk = risk;
        this.approvals = approvals;
    }

    @GetMapping
    @AnyOperator
    String home(Staff staff, @RequestParam(required = false) String done, Model model, ConsoleAccess.Permissions can) {
        model.addAttribute("done", ConsoleAccessController.done(done));
        if (can.open("GET /console/risk/reviews")) {
            model.addAttribute("openReviews", risk.reviews("open", PageRequest.first(100)).data().size());
        }
        if (can.open("GET /console/approvals")) {
            List<Approval> pending = approvals.list(Approval.PENDING, PageRequest.first(100)).data();
            model.addAttribute("pendingApprovals", pending.size());
            model.addAttribute("awaitingMe", pending.stream().filter(a -> !a.requestedBy().equals(staff.id())
                    && staff.hasAnyRole(a.approverRoles())).count());
        }
        return "console/home";
    }
}
