package io.huitong.web.reconciliation;

import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.reconciliation.BreakResolution;
import io.huitong.reconciliation.Reconciliation;
import io.huitong.reconciliation.Reconciliations;
import io.huitong.reports.ReportFormat;
import io.huitong.reports.Reports;
import io.huitong.web.approvals.ApprovalView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Channels' statements reconciled with the ledger, and the breaks operators resolve (docs/api.md "Reconciliation (operator)"). */
@RestController
@Tag(name = "Reconciliation (operator)")
@AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR})
class ReconciliationAdminController {

    private final Reconciliations reconciliations;

    ReconciliationAdminController(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    record NewReconciliation(String channel, String businessDate) {
    }

    record Resolve(String action, String note) {
    }

    @PostMapping("/v1/admin/reconciliations")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Fetch a channel's statement of a business date from the channel and reconcile it; matching goes on in the background")
    ReconciliationView fetch(ApiPrincipal caller, @RequestBody(required = false) NewReconciliation body) {
        if (body == null || body.channel() == null) {
            throw ApiException.missing("channel");
        }
        return ReconciliationView.of(reconciliations.fetchStatement(body.channel(), date(body.businessDate()), caller.id()));
    }

    @PostMapping("/v1/admin/reconciliations/upload")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Reconcile a channel's statement given as the body (the file as the channel delivers it, any size, streamed)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "the statement file: an acquirer's"
                    + " settlement file, a wallet or e-CNY bill (CSV), or the bank's camt.053 (XML)", content = {
                    @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv"),
                    @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/xml")}))
    ReconciliationView upload(ApiPrincipal caller, @RequestParam(required = false) String channel,
                              @RequestParam(name = "business_date", required = false) String businessDate, HttpServletRequest request)
            throws IOException {
        if (channel == null) {
            throw ApiException.missing("channel");
        }
        LocalDate date = date(businessDate);
        try (InputStream body = request.getInputStream()) {
            return ReconciliationView.of(reconciliations.importStatement(channel, date, body, caller.id()));
        }
    }

    @GetMapping("/v1/admin/reconciliations")
    Page<ReconciliationView> list(PageRequest page, @RequestParam(required = false) String channel) {
        return reconciliations.list(channel, page).map(ReconciliationView::of);
    }

    @GetMapping("/v1/admin/reconciliations/{id}")
    ReconciliationView get(@PathVariable String id) {
        return reconciliations.find(id).map(ReconciliationView::of).orElseThrow(() -> ApiException.notFound("reconciliation", id));
    }

    @GetMapping("/v1/admin/reconciliations/{id}/breaks")
    @Operation(summary = "The breaks of a reconciliation, newest first; class=matched lists the matches made otherwise than by the same"
            + " day's reference (a line on another statement, the channel's reference, amount and time), which are only counted")
    Page<BreakView> breaks(@PathVariable String id, PageRequest page, @RequestParam(name = "class", required = false) String breakClass) {
        return reconciliations.breaks(id, breakClass, page).map(BreakView::of);
    }

    @GetMapping("/v1/admin/reconciliations/{id}/report.{format}")
    @Operation(summary = "A reconciliation's report as CSV, XLSX or PDF: the statement, the counts, the bank's roll-forward and every break")
    void report(@PathVariable String id, @PathVariable String format, HttpServletResponse response) throws IOException {
        ReportFormat as = ReportFormat.ofExtension(format).orElseThrow(() -> ApiException.notFound("report format", format));
        Reconciliation r = reconciliations.find(id).orElseThrow(() -> ApiException.notFound("reconciliation", id));
        response.setContentType(as.mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"reconciliation-" + r.id() + "." + as.extension() + "\"");
        response.setHeader("Cache-Control", "no-store");
        Reports.write(ReconciliationReports.of(r, reconciliations), as, response.getOutputStream());
        response.flushBuffer();
    }

    @GetMapping("/v1/admin/reconciliation_breaks/{id}")
    BreakView reconciliationBreak(@PathVariable String id) {
        return reconciliations.findBreak(id).map(BreakView::of).orElseThrow(() -> ApiException.notFound("reconciliation_break", id));
    }

    @PostMapping("/v1/admin/reconciliation_breaks/{id}/resolve")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
    @Operation(summary = "Resolve a break: adjust or write_off post a ledger correction, accept posts nothing; a large write-off answers 202"
            + " with the approval it waits for")
    ResponseEntity<Object> resolve(ApiPrincipal caller, @PathVariable String id, @RequestBody(required = false) Resolve body) {
        if (body == null || body.action() == null) {
            throw ApiException.missing("action");
        }
        BreakResolution outcome = reconciliations.resolve(id, body.action(), body.note(), caller.id());
        if (outcome instanceof BreakResolution.AwaitingApproval waiting) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApprovalView.of(waiting.approval()));
        }
        return ResponseEntity.ok(BreakView.of(outcome.reconciliationBreak()));
    }

    private static LocalDate date(String text) {
        if (text == null) {
            throw ApiException.missing("business_date");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("business_date", "business_date must be a date as YYYY-MM-DD");
        }
    }
}
