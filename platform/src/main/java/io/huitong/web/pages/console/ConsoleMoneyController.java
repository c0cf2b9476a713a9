package io.huitong.web.pages.console;

import io.huitong.approvals.Approval;
import io.huitong.approvals.Approvals;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.reconciliation.BreakResolution;
import io.huitong.reconciliation.Reconciliation;
import io.huitong.reconciliation.ReconciliationBreak;
import io.huitong.reconciliation.Reconciliations;
import io.huitong.settlement.Payout;
import io.huitong.settlement.Payouts;
import io.huitong.settlement.SettlementRun;
import io.huitong.settlement.SettlementRuns;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The finance desk, through the same services as the API: payouts that wait for a second finance operator (decided through
 * their approval, as {@code POST /v1/admin/approvals/{id}/approve}), reconciliations with their breaks by class and age (a break
 * resolved by adjusting, writing off or accepting it with a note; a large write-off waits for approval, as in the API), and
 * settlement runs, started here and followed live.
 */
@Hidden
@Controller
@RequestMapping("/console")
class ConsoleMoneyController {

    static final List<String> CLASSES = List.of("missing_in_ledger", "missing_in_channel", "amount_mismatch", "status_mismatch",
            "currency_mismatch", "duplicate", "timing");
    static final List<String> RESOLUTIONS = List.of("adjust", "write_off", "accept");
    /** The ages of open breaks the reconciliation page counts them in, in days: up to 1, up to 7, up to 30, more. */
    static final List<String> AGES = List.of("0-1", "2-7", "8-30", "31+");
    private static final int BREAKS_READ = 500;

    private final Payouts payouts;
    private final Approvals approvals;
    private final Reconciliations reconciliations;
    private final SettlementRuns runs;

    ConsoleMoneyController(Payouts payouts, Approvals approvals, Reconciliations reconciliations, SettlementRuns runs) {
        this.payouts = payouts;
        this.approvals = approvals;
        this.reconciliations = reconciliations;
        this.runs = runs;
    }

    // ---- payouts ----

    /** A payout waiting for approval, with the approval it waits for and whether this operator may decide it. */
    record Waiting(Payout payout, Approval approval, ConsoleApprovalsController.Decidable decidable) {
    }

    @GetMapping("/payouts")
    @SameRolesAs({"GET /v1/admin/payouts", "GET /v1/admin/approvals"})
    String payouts(Staff staff, @RequestParam(required = false) String done, Model model) {
        List<Waiting> waiting = new ArrayList<>();
        for (Approval a : approvals.list(Approval.PENDING, PageRequest.first(100)).data()) {
            if ("payout.create".equals(a.action())) {
                payouts.find(null, a.objectId()).ifPresent(p -> waiting.add(new Waiting(p, a, ConsoleApprovalsController.decidable(a, staff))));
            }
        }
        model.addAttribute("waiting", waiting);
        model.addAttribute("recent", payouts.list(null, PageRequest.first(20)).data());
        model.addAttribute("done", done != null && Set.of("approved", "rejected").contains(done) ? "console.approval.done." + done : null);
        return "console/money/payouts";
    }

    // ---- reconciliations ----

    @GetMapping("/reconciliations")
    @SameRolesAs("GET /v1/admin/reconciliations")
    String reconciliations(@RequestParam(required = false) String channel, @RequestParam(required = false) String after, Model model) {
        String c = Forms.text(channel, "channel", 64);
        Page<Reconciliation> page = reconciliations.list(c, Forms.page(after));
        model.addAttribute("channel", c);
        model.addAttribute("reconciliations", page.data());
        model.addAttribute("next", page.hasMore() ? "/console/reconciliations?after=" + page.data().getLast().id()
                + (c == null ? "" : "&channel=" + java.net.URLEncoder.encode(c, java.nio.charset.StandardCharsets.UTF_8)) : null);
        return "console/money/reconciliations";
    }

    @PostMapping("/reconciliations")
    @SameRolesAs("POST /v1/admin/reconciliations")
    String fetch(Staff staff, @RequestParam(required = false) String channel, @RequestParam(name = "business_date", required = false) String date) {
        LocalDate day = Forms.date(date, "business_date");
        if (day == null) {
            throw ApiException.missing("business_date");
        }
        Reconciliation r = reconciliations.fetchStatement(Forms.required(channel, "channel", 64), day, staff.id());
        return "redirect:/console/reconciliations/" + r.id();
    }

    @GetMapping("/reconciliations/{id}")
    @SameRolesAs({"GET /v1/admin/reconciliations/{id}", "GET /v1/admin/reconciliations/{id}/breaks"})
    String reconciliation(@PathVariable String id, @RequestParam(name = "class", required = false) String breakClass,
                          @RequestParam(required = false) String status, Model model) {
        Reconciliation r = reconciliations.find(Forms.id(id, "reconciliation")).orElseThrow(() -> ApiException.notFound("reconciliation", id));
        String shownClass = Forms.choice(breakClass, "class", Set.copyOf(CLASSES));
        String shownStatus = status == null ? ReconciliationBreak.OPEN : Forms.choice(status, "status", Set.of("open", "resolved", "all"));
        List<ReconciliationBreak> all = new ArrayList<>();
        Page<ReconciliationBreak> page = reconciliations.breaks(r.id(), null, PageRequest.first(100));
        all.addAll(page.data());
        while (page.hasMore() && all.size() < BREAKS_READ) {
            page = reconciliations.breaks(r.id(), null, new PageRequest(100, all.getLast().id(), null));
            all.addAll(page.data());
        }
        // open breaks by class and age
        Map<String, long[]> byClass = new LinkedHashMap<>();
        CLASSES.forEach(c -> byClass.put(c, new long[AGES.size()]));
        for (ReconciliationBreak b : all) {
            if (ReconciliationBreak.OPEN.equals(b.status()) && byClass.containsKey(b.breakClass())) {
                byClass.get(b.breakClass())[age(b.ageDays())]++;
            }
        }
        model.addAttribute("r", r);
        model.addAttribute("byClass", byClass);
        model.addAttribute("ages", AGES);
        model.addAttribute("classes", CLASSES);
        model.addAttribute("shownClass", shownClass);
        model.addAttribute("shownStatus", shownStatus);
        model.addAttribute("breaks", all.stream().filter(b -> shownClass == null || shownClass.equals(b.breakClass()))
                .filter(b -> "all".equals(shownStatus) || shownStatus.equals(b.status())).toList());
        model.addAttribute("truncated", page.hasMore());
        return "console/money/reconciliation";
    }

    static int age(long days) {
        return days <= 1 ? 0 : days <= 7 ? 1 : days <= 30 ? 2 : 3;
    }

    @GetMapping("/reconciliation-breaks/{id}")
    @SameRolesAs("GET /v1/admin/reconciliation_breaks/{id}")
    String reconciliationBreak(@PathVariable String id, @RequestParam(required = false) String done, Model model) {
        ReconciliationBreak b = reconciliations.findBreak(Forms.id(id, "reconciliation_break"))
                .orElseThrow(() -> ApiException.notFound("reconciliation_break", id));
        model.addAttribute("b", b);
        model.addAttribute("resolutions", RESOLUTIONS);
        model.addAttribute("approval", b.approval() == null ? null : approvals.find(b.approval()).orElse(null));
        model.addAttribute("done", done != null && Set.of("resolved", "awaiting").contains(done) ? "console.break.done." + done : null);
        return "console/money/break";
    }

    @PostMapping("/reconciliation-breaks/{id}/resolve")
    @SameRolesAs("POST /v1/admin/reconciliation_breaks/{id}/resolve")
    String resolve(Staff staff, @PathVariable String id, @RequestParam(required = false) String action, @RequestParam(required = false) String note) {
        String a = Forms.required(action, "action", 20);
        BreakResolution outcome = reconciliations.resolve(Forms.id(id, "reconciliation_break"), a, Forms.text(note, "note", 500), staff.id());
        return "redirect:/console/reconciliation-breaks/" + id + "?done="
                + (outcome instanceof BreakResolution.AwaitingApproval ? "awaiting" : "resolved");
    }

    // ---- settlement runs ----

    @GetMapping("/settlement-runs")
    @SameRolesAs("GET /v1/admin/settlement_runs")
    String runs(@RequestParam(required = false) String after, Model model) {
        Page<SettlementRun> page = runs.list(Forms.page(after));
        model.addAttribute("runs", page.data());
        model.addAttribute("next", page.hasMore() ? "/console/settlement-runs?after=" + page.data().getLast().id() : null);
        return "console/money/runs";
    }

    @PostMapping("/settlement-runs")
    @SameRolesAs("POST /v1/admin/settlement_runs")
    String start(Staff staff, @RequestParam(name = "business_date", required = false) String date,
                 @RequestParam(required = false) String merchant) {
        SettlementRun run = runs.start(Forms.date(date, "business_date"), Forms.text(merchant, "merchant", 64), staff.id());
        return "redirect:/console/settlement-runs/" + run.id();
    }

    @GetMapping("/settlement-runs/{id}")
    @SameRolesAs("GET /v1/admin/settlement_runs/{id}")
    String run(@PathVariable String id, Model model) {
        model.addAttribute("run", find(id));
        return "console/money/run";
    }

    /** The run's progress alone, which the run's page asks for every second while it runs (htmx). */
    @GetMapping("/settlement-runs/{id}/progress")
    @SameRolesAs("GET /v1/admin/settlement_runs/{id}")
    String progress(@PathVariable String id, Model model) {
        model.addAttribute("run", find(id));
        return "console/money/run :: progress";
    }

    private SettlementRun find(String id) {
        return runs.find(Forms.id(id, "settlement_run")).orElseThrow(() -> ApiException.notFound("settlement_run", id));
    }
}
