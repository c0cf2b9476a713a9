package io.huitong.web.settlement;

import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.Merchants;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.reports.ReportFormat;
import io.huitong.settlement.Payout;
import io.huitong.settlement.Settlement;
import io.huitong.settlement.Payouts;
import io.huitong.settlement.SettlementRun;
import io.huitong.settlement.SettlementRuns;
import io.huitong.settlement.Settlements;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Settlement runs, and every merchant's settlements and payouts, for operators. */
@RestController
@Tag(name = "Settlement (operator)")
@AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR})
class SettlementAdminController {

    private final SettlementRuns runs;
    private final Settlements settlements;
    private final Payouts payouts;
    private final Merchants merchants;

    SettlementAdminController(SettlementRuns runs, Settlements settlements, Payouts payouts, Merchants merchants) {
        this.runs = runs;
        this.settlements = settlements;
        this.payouts = payouts;
        this.merchants = merchants;
    }

    /** {@code business_date} as {@code YYYY-MM-DD}, today (Asia/Shanghai) when left out; {@code merchant} to settle only one. */
    record NewRun(String businessDate, String merchant) {
    }

    record RunView(String id, String object, LocalDate businessDate, String merchant, String status, Progress progress, int settlements,
                   int skipped, String failure, String requestedBy, Instant createdAt, Instant updatedAt) {

        record Progress(int done, int total) {
        }

        static RunView of(SettlementRun r) {
            return new RunView(r.id(), "settlement_run", r.businessDate(), r.merchantId(), r.status(), new Progress(r.done(), r.total()),
                    r.settlements(), r.skipped(), r.failure(), r.requestedBy(), r.createdAt(), r.updatedAt());
        }
    }

    @PostMapping("/v1/admin/settlement_runs")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Start a settlement run for a business date (never in the future); it goes on in the background")
    RunView start(ApiPrincipal caller, @RequestBody(required = false) NewRun body) {
        LocalDate date = null;
        String merchant = null;
        if (body != null) {
            if (body.businessDate() != null) {
                try {
                    date = LocalDate.parse(body.businessDate());
                } catch (DateTimeParseException e) {
                    throw ApiException.invalid("business_date", "business_date must be a date as YYYY-MM-DD");
                }
            }
            merchant = body.merchant();
        }
        return RunView.of(runs.start(date, merchant, caller.id()));
    }

    @GetMapping("/v1/admin/settlement_runs")
    Page<RunView> runs(PageRequest page) {
        return runs.list(page).map(RunView::of);
    }

    @GetMapping("/v1/admin/settlement_runs/{id}")
    RunView run(@PathVariable String id) {
        return runs.find(id).map(RunView::of).orElseThrow(() -> ApiException.notFound("settlement_run", id));
    }

    @GetMapping("/v1/admin/settlements")
    Page<SettlementView> settlements(PageRequest page, @RequestParam(required = false) String merchant) {
        return settlements.list(merchant, page).map(SettlementView::of);
    }

    @GetMapping("/v1/admin/settlements/{id}")
    SettlementView settlement(@PathVariable String id) {
        return settlements.find(null, id).map(SettlementView::of).orElseThrow(() -> ApiException.notFound("settlement", id));
    }

    @GetMapping("/v1/admin/settlements/{id}/statement.{format}")
    void statement(@PathVariable String id, @PathVariable String format, HttpServletResponse response) throws IOException {
        ReportFormat as = ReportFormat.ofExtension(format).orElseThrow(() -> ApiException.notFound("statement format", format));
        Settlement s = settlements.find(null, id).orElseThrow(() -> ApiException.notFound("settlement", id));
        SettlementController.write(Statements.of(s, merchants.find(s.merchantId()).orElse(null), settlements), as, "statement-" + s.id(),
                response);
    }

    @GetMapping("/v1/admin/payouts")
    Page<Payout> payouts(PageRequest page, @RequestParam(required = false) String merchant) {
        return payouts.list(merchant, page);
    }

    @GetMapping("/v1/admin/payouts/{id}")
    Payout payout(@PathVariable String id) {
        return payouts.find(null, id).orElseThrow(() -> ApiException.notFound("payout", id));
    }
}
