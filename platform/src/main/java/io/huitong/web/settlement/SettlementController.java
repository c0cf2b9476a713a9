package io.huitong.web.settlement;

import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.Merchants;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.reports.Report;
import io.huitong.reports.ReportFormat;
import io.huitong.reports.Reports;
import io.huitong.settlement.Payout;
import io.huitong.settlement.Settlement;
import io.huitong.settlement.Payouts;
import io.huitong.settlement.Settlements;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's settlements and payouts (docs/api.md, "Settlement and payouts"). */
@RestController
@Tag(name = "Settlements and payouts")
class SettlementController {

    private final Settlements settlements;
    private final Payouts payouts;
    private final Merchants merchants;

    SettlementController(Settlements settlements, Payouts payouts, Merchants merchants) {
        this.settlements = settlements;
        this.payouts = payouts;
        this.merchants = merchants;
    }

    @GetMapping("/v1/settlements")
    @Operation(summary = "The merchant's settlements, newest first")
    Page<SettlementView> list(ApiPrincipal caller, PageRequest page) {
        return settlements.list(caller.merchantId(), page).map(SettlementView::of);
    }

    @GetMapping("/v1/settlements/{id}")
    SettlementView get(ApiPrincipal caller, @PathVariable String id) {
        return settlements.find(caller.merchantId(), id).map(SettlementView::of).orElseThrow(() -> ApiException.notFound("settlement", id));
    }

    @GetMapping("/v1/settlements/{id}/lines")
    @Operation(summary = "The payments, refunds and adjustments a settlement took up")
    Page<SettlementView.Line> lines(ApiPrincipal caller, @PathVariable String id, PageRequest page) {
        settlements.find(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("settlement", id));
        return settlements.lines(id, page).map(SettlementView.Line::of);
    }

    @GetMapping("/v1/settlements/{id}/statement.{format}")
    @Operation(summary = "The settlement's statement as CSV, Excel (XLSX) or PDF: header, one line per payment and refund, totals")
    void statement(ApiPrincipal caller, @PathVariable String id, @PathVariable String format, HttpServletResponse response)
            throws IOException {
        ReportFormat as = ReportFormat.ofExtension(format).orElseThrow(() -> ApiException.notFound("statement format", format));
        Settlement s = settlements.find(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("settlement", id));
        write(Statements.of(s, merchants.find(s.merchantId()).orElse(null), settlements), as, "statement-" + s.id(), response);
    }

    /** Streams a report as the answer, a file to save. */
    static void write(Report report, ReportFormat format, String name, HttpServletResponse response) throws IOException {
        Statements.write(report, format, name, response);
    }

    @GetMapping("/v1/payouts")
    @Operation(summary = "The merchant's payouts, newest first")
    Page<Payout> payouts(ApiPrincipal caller, PageRequest page) {
        return payouts.list(caller.merchantId(), page);
    }

    @GetMapping("/v1/payouts/{id}")
    Payout payout(ApiPrincipal caller, @PathVariable String id) {
        return payouts.find(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("payout", id));
    }
}
