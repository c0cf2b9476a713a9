package io.huitong.web.aml;

import io.huitong.aml.AmlReport;
import io.huitong.aml.AmlReportQuery;
import io.huitong.aml.AmlReports;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anti-money-laundering reports for operators: large-value transaction reports and suspicious-pattern
 * alerts, as JSON lists and as CSV and XML exports. Movements recorded and not evaluated yet are evaluated
 * before any answer, so a report is never behind the movements committed before the request.
 */
@RestController
@RequestMapping("/v1/admin/aml")
@Tag(name = "Anti-money-laundering (operator)")
class AmlReportController {

    static final int EXPORT_LIMIT = 10_000;

    private final AmlReports reports;
    private final Clock clock;
    private final AmlCustomers customers;

    AmlReportController(AmlReports reports, Clock clock, AmlCustomers customers) {
        this.reports = reports;
        this.clock = clock;
        this.customers = customers;
    }

    @GetMapping("/reports")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR, OperatorRole.FINANCE})
    @Operation(summary = "List AML reports, newest first",
            description = "Suspicious-pattern alerts are the reports of type suspicious; rule narrows them to one pattern (or one"
                    + " large-value rule), date_gte to those of a business day on or after a day.")
    Page<AmlReport> list(@Parameter(description = "large_value or suspicious") @RequestParam(required = false) String type,
                         @Parameter(description = "The rule: cash, individual_transfer, individual_cross_border_transfer, "
                                 + "organisation_transfer, structuring, rapid_in_out, dormant_reactivated, fan_in, fan_out or "
                                 + "round_amounts") @RequestParam(required = false) String rule,
                         @Parameter(description = "The business day (Asia/Shanghai), YYYY-MM-DD")
                         @RequestParam(required = false) String date,
                         @Parameter(description = "Business days on or after this one (Asia/Shanghai), YYYY-MM-DD")
                         @RequestParam(name = "date_gte", required = false) String dateGte,
                         @Parameter(description = "The customer: a user id, a merchant id, or a card or account reference")
                         @RequestParam(required = false) String customer,
                         PageRequest page) {
        AmlReportQuery query = AmlReportFilters.query(reports, type, rule, date, dateGte, customer);
        reports.catchUp();
        Page<AmlReport> found = reports.list(query, page);
        return new Page<>(found.data().stream().map(customers::named).toList(), found.hasMore());
    }

    @GetMapping("/reports/{id}")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR, OperatorRole.FINANCE})
    @Operation(summary = "Retrieve an AML report with the transactions behind it")
    AmlReport get(@PathVariable String id) {
        reports.catchUp();
        return reports.find(id).map(customers::named).orElseThrow(() -> ApiException.notFound("aml_report", id));
    }

    @GetMapping("/reports.csv")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR, OperatorRole.FINANCE})
    @Operation(summary = "Export AML reports as CSV: one line per report and transaction")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String type, @RequestParam(required = false) String date,
                               @RequestParam(required = false) String customer) {
        List<AmlReport> selected = export(type, date, customer);
        return file(AmlExports.csv(selected), "text/csv", "aml-reports.csv");
    }

    @GetMapping("/reports.xml")
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR, OperatorRole.FINANCE})
    @Operation(summary = "Export AML reports as XML: report, customer, merchants, transactions")
    ResponseEntity<byte[]> xml(@RequestParam(required = false) String type, @RequestParam(required = false) String date,
                               @RequestParam(required = false) String customer) {
        List<AmlReport> selected = export(type, date, customer);
        return file(AmlExports.xml(selected, AmlReportFilters.type(type), clock.instant()), "application/xml", "aml-reports.xml");
    }

    private List<AmlReport> export(String type, String date, String customer) {
        String t = AmlReportFilters.type(type);
        LocalDate day = AmlReportFilters.date(date, "date");
        reports.catchUp();
        return reports.export(t, day, AmlReportFilters.blank(customer), EXPORT_LIMIT).stream().map(customers::named).toList();
    }

    private static ResponseEntity<byte[]> file(String body, String mediaType, String name) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(mediaType + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
