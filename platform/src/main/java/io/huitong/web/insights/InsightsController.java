package io.huitong.web.insights;

import io.huitong.identity.ApiPrincipal;
import io.huitong.insights.InsightPeriod;
import io.huitong.insights.InvalidQuery;
import io.huitong.insights.MerchantInsights;
import io.huitong.insights.PaymentQuery;
import io.huitong.insights.PaymentTimeline;
import io.huitong.kernel.ApiException;
import io.huitong.reports.ReportFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The merchant dashboard's figures over the API: a period's overview, a payment's timeline, and payments exported
 * as CSV or Excel with {@code GET /v1/payments}' filters. Payment search itself is {@code GET /v1/payments}.
 */
@RestController
@Tag(name = "Insights")
class InsightsController {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.ofHours(8));

    private final MerchantInsights insights;
    private final java.time.Clock clock;

    InsightsController(MerchantInsights insights, java.time.Clock clock) {
        this.insights = insights;
        this.clock = clock;
    }

    @GetMapping("/v1/insights/overview")
    @Operation(summary = "The merchant's figures for a period (Asia/Shanghai days): per currency, payments attempted and"
            + " succeeded, success and refund rates, a trend (hourly for today and yesterday, daily for 7d and 30d), a"
            + " breakdown by payment method, and the previous period's figures up to the same point",
            responses = @ApiResponse(responseCode = "200", description = "The overview",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = OverviewView.class))))
    OverviewView overview(ApiPrincipal caller,
                          @Parameter(description = "today, yesterday, 7d or 30d", schema = @Schema(allowableValues = {"today", "yesterday", "7d", "30d"}))
                          @RequestParam(required = false, defaultValue = "today") String period) {
        InsightPeriod p = InsightPeriod.fromWire(period)
                .orElseThrow(() -> ApiException.invalid("period", "period must be one of today, yesterday, 7d, 30d"));
        return OverviewView.of(insights.overview(caller.merchantId(), p));
    }

    @GetMapping("/v1/payments/{id}/timeline")
    @Operation(summary = "What happened to a payment: its steps, risk decision, channel, refunds and ledger lines")
    PaymentTimeline timeline(ApiPrincipal caller, @PathVariable String id) {
        return insights.timeline(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("payment", id));
    }

    @GetMapping("/v1/payments/export.csv")
    @Operation(summary = "The payments matching GET /v1/payments' filters, newest first, as CSV (UTF-8 with BOM), streamed",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv")))
    void exportCsv(ApiPrincipal caller, @RequestParam(required = false) String status, @RequestParam(required = false) String method,
                   @RequestParam(name = "amount_gte", required = false) String amountGte,
                   @RequestParam(name = "amount_lte", required = false) String amountLte,
                   @RequestParam(name = "created_gte", required = false) String createdGte,
                   @RequestParam(name = "created_lte", required = false) String createdLte,
                   @RequestParam(required = false) String reference, @RequestParam(name = "card_last4", required = false) String cardLast4,
                   HttpServletResponse response) throws IOException {
        export(caller, PaymentSearchParams.query(status, method, amountGte, amountLte, createdGte, createdLte, reference, cardLast4, null, null),
                ReportFormat.CSV, response);
    }

    @GetMapping("/v1/payments/export.xlsx")
    @Operation(summary = "The payments matching GET /v1/payments' filters, newest first, as an Excel workbook, streamed",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))
    void exportXlsx(ApiPrincipal caller, @RequestParam(required = false) String status, @RequestParam(required = false) String method,
                    @RequestParam(name = "amount_gte", required = false) String amountGte,
                    @RequestParam(name = "amount_lte", required = false) String amountLte,
                    @RequestParam(name = "created_gte", required = false) String createdGte,
                    @RequestParam(name = "created_lte", required = false) String createdLte,
                    @RequestParam(required = false) String reference, @RequestParam(name = "card_last4", required = false) String cardLast4,
                    HttpServletResponse response) throws IOException {
        export(caller, PaymentSearchParams.query(status, method, amountGte, amountLte, createdGte, createdLte, reference, cardLast4, null, null),
                ReportFormat.XLSX, response);
    }

    private void export(ApiPrincipal caller, PaymentQuery query, ReportFormat format, HttpServletResponse response) throws IOException {
        response.setContentType(format.mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"payments-" + FILE_TIME.format(clock.instant()) + "."
                + format.extension() + "\"");
        response.setHeader("Cache-Control", "no-store");
        try {
            insights.export(caller.merchantId(), query, format, response.getOutputStream());
        } catch (InvalidQuery e) {
            throw PaymentSearchParams.invalid(e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        response.flushBuffer();
    }
}
