package io.huitong.web.pages.console;

import io.huitong.aml.AmlReport;
import io.huitong.aml.AmlReportQuery;
import io.huitong.aml.AmlReports;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.web.aml.AmlCustomers;
import io.huitong.web.aml.AmlExports;
import io.huitong.web.aml.AmlReportFilters;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Anti-money-laundering on screen, through the same services and filters as {@code /v1/admin/aml}: the reports (large-value
 * and suspicious) with their exports for the regulator (CSV and XML, as {@code /v1/admin/aml/reports.csv|xml}); the
 * suspicious-pattern alerts by rule and age, each linked to its customer and its report; and one report with the transactions
 * behind it.
 */
@Hidden
@Controller
@RequestMapping("/console/aml")
class ConsoleAmlController {

    static final int EXPORT_LIMIT = 10_000;
    /** The ages an operator picks alerts by: business days (Asia/Shanghai) of the last 1, 7, 30 or 90 days, today included. */
    static final List<String> AGES = List.of("1", "7", "30", "90");
    static final ZoneId BUSINESS_DAYS = ZoneId.of("Asia/Shanghai");

    private final AmlReports aml;
    private final AmlCustomers customers;
    private final Clock clock;

    ConsoleAmlController(AmlReports aml, AmlCustomers customers, Clock clock) {
        this.aml = aml;
        this.customers = customers;
        this.clock = clock;
    }

    @GetMapping
    @SameRolesAs("GET /v1/admin/aml/reports")
    String reports(@RequestParam(required = false) String type, @RequestParam(required = false) String date,
                   @RequestParam(required = false) String customer, @RequestParam(required = false) String after, Model model) {
        String t = Forms.choice(type, "type", Set.of(AmlReport.LARGE_VALUE, AmlReport.SUSPICIOUS));
        LocalDate day = Forms.date(date, "date");
        String c = Forms.text(customer, "customer", 128);
        aml.catchUp();
        Page<AmlReport> page = aml.list(t, day, c, Forms.page(after));
        model.addAttribute("type", t);
        model.addAttribute("date", day);
        model.addAttribute("customer", c);
        model.addAttribute("reports", page.data().stream().map(customers::named).toList());
        model.addAttribute("query", (t == null ? "" : "type=" + t + "&") + (day == null ? "" : "date=" + day + "&")
                + (c == null ? "" : "customer=" + URLEncoder.encode(c, StandardCharsets.UTF_8) + "&"));
        model.addAttribute("next", page.hasMore() ? "/console/aml?" + (t == null ? "" : "type=" + t + "&") + "after=" + page.data().getLast().id()
                : null);
        return "console/oversight/aml";
    }

    /**
     * The suspicious-pattern alerts, newest first: those of one rule, of business days within an age (the last 1, 7, 30 or 90
     * days), or of one customer, read as the API reads {@code type=suspicious&rule=..&date_gte=..&customer=..}.
     */
    @GetMapping("/alerts")
    @SameRolesAs("GET /v1/admin/aml/reports")
    String alerts(@RequestParam(required = false) String rule, @RequestParam(required = false) String age,
                  @RequestParam(required = false) String customer, @RequestParam(required = false) String after, Model model) {
        String r = Forms.text(rule, "rule", 40);
        String a = Forms.choice(age, "age", Set.copyOf(AGES));
        String c = Forms.text(customer, "customer", 128);
        LocalDate today = LocalDate.ofInstant(clock.instant(), BUSINESS_DAYS);
        LocalDate since = a == null ? null : today.minusDays(Long.parseLong(a) - 1);
        AmlReportQuery query = AmlReportFilters.query(aml, AmlReport.SUSPICIOUS, r, null, since == null ? null : since.toString(), c);
        aml.catchUp();
        Page<AmlReport> page = aml.list(query, Forms.page(after));
        String filters = (r == null ? "" : "rule=" + r + "&") + (a == null ? "" : "age=" + a + "&")
                + (c == null ? "" : "customer=" + URLEncoder.encode(c, StandardCharsets.UTF_8) + "&");
        model.addAttribute("rule", r);
        model.addAttribute("rules", aml.rules().get(AmlReport.SUSPICIOUS));
        model.addAttribute("age", a);
        model.addAttribute("ages", AGES);
        model.addAttribute("customer", c);
        List<AmlReport> alerts = page.data().stream().map(customers::named).toList();
        Map<String, String> customerPages = new HashMap<>();
        Map<String, Long> daysOld = new HashMap<>();
        alerts.forEach(x -> {
            daysOld.put(x.id(), ChronoUnit.DAYS.between(x.businessDay(), today));
            String href = customerPage(x.customer());
            if (href != null) {
                customerPages.put(x.customer(), href);
            }
        });
        model.addAttribute("alerts", alerts);
        model.addAttribute("customerPages", customerPages);
        model.addAttribute("daysOld", daysOld);
        model.addAttribute("next", page.hasMore() ? "/console/aml/alerts?" + filters + "after=" + page.data().getLast().id() : null);
        return "console/oversight/alerts";
    }

    @GetMapping("/reports/{id}")
    @SameRolesAs("GET /v1/admin/aml/reports/{id}")
    String report(@PathVariable String id, Model model) {
        String reportId = Forms.id(id, "aml_report");
        aml.catchUp();
        AmlReport report = aml.find(reportId).map(customers::named).orElseThrow(() -> ApiException.notFound("aml_report", reportId));
        model.addAttribute("r", report);
        model.addAttribute("customerPage", customerPage(report.customer()));
        return "console/oversight/report";
    }

    @GetMapping("/export/csv")
    @SameRolesAs("GET /v1/admin/aml/reports.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String type, @RequestParam(required = false) String date,
                               @RequestParam(required = false) String customer) {
        return file(AmlExports.csv(export(type, date, customer)), "text/csv", "aml-reports.csv");
    }

    @GetMapping("/export/xml")
    @SameRolesAs("GET /v1/admin/aml/reports.xml")
    ResponseEntity<byte[]> xml(@RequestParam(required = false) String type, @RequestParam(required = false) String date,
                               @RequestParam(required = false) String customer) {
        List<AmlReport> reports = export(type, date, customer);
        return file(AmlExports.xml(reports, Forms.blank(type), clock.instant()), "application/xml", "aml-reports.xml");
    }

    private List<AmlReport> export(String type, String date, String customer) {
        String t = Forms.choice(type, "type", Set.of(AmlReport.LARGE_VALUE, AmlReport.SUSPICIOUS));
        LocalDate day = Forms.date(date, "date");
        aml.catchUp();
        // each customer named as the institution knows them, as the API's export names them
        return aml.export(t, day, Forms.text(customer, "customer", 128), EXPORT_LIMIT).stream().map(customers::named).toList();
    }

    private static ResponseEntity<byte[]> file(String body, String mediaType, String name) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(mediaType + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the console shows an AML customer: a consumer's page, a merchant's page; null for a card or an account. */
    static String customerPage(String customer) {
        if (customer.startsWith("usr_")) {
            return "/console/consumers?user=" + URLEncoder.encode(customer, StandardCharsets.UTF_8);
        }
        return customer.startsWith("mer_") ? "/console/merchants/" + URLEncoder.encode(customer, StandardCharsets.UTF_8) : null;
    }
}
