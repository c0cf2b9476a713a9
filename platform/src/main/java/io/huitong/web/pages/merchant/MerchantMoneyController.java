package io.huitong.web.pages.merchant;

import io.huitong.identity.Merchants;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.merchantusers.Permission;
import io.huitong.payments.Payments;
import io.huitong.reports.ReportFormat;
import io.huitong.settlement.Payout;
import io.huitong.settlement.Payouts;
import io.huitong.settlement.Settlement;
import io.huitong.settlement.Settlements;
import io.huitong.web.settlement.Statements;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The merchant's money after its payments: the balance (pending, available, and what was paid out to its bank), the
 * settlements with their lines and their statements (CSV, Excel, PDF: the same statement the API serves), and the
 * payouts.
 */
@Hidden
@Controller
@RequestMapping("/merchant")
@Allowed(Permission.SETTLEMENTS)
class MerchantMoneyController {

    private static final int PAGE = 20;

    private final Payments payments;
    private final Settlements settlements;
    private final Payouts payouts;
    private final Merchants merchants;

    MerchantMoneyController(Payments payments, Settlements settlements, Payouts payouts, Merchants merchants) {
        this.payments = payments;
        this.settlements = settlements;
        this.payouts = payouts;
        this.merchants = merchants;
    }

    @GetMapping("/balance")
    String balance(Staff staff, Model model) {
        model.addAttribute("balance", payments.balance(staff.merchantId()));
        model.addAttribute("paidOut", paidOut(staff.merchantId()));
        model.addAttribute("bankAccount", settlements.bankAccount(staff.merchantId()).orElse(null));
        return "merchant/balance";
    }

    /** What payouts paid to the merchant's bank account so far, per currency. */
    private Map<String, Long> paidOut(String merchantId) {
        Map<String, Long> total = new TreeMap<>();
        String after = null;
        do {
            Page<Payout> page = payouts.list(merchantId, new PageRequest(100, after, null));
            page.data().stream().filter(p -> "paid".equals(p.status())).forEach(p -> total.merge(p.currency(), p.amount(), Long::sum));
            after = page.hasMore() && !page.data().isEmpty() ? page.data().getLast().id() : null;
        } while (after != null);
        return total;
    }

    @GetMapping("/settlements")
    String settlements(Staff staff, @RequestParam(required = false) String after, Model model) {
        model.addAttribute("settlements", settlements.list(staff.merchantId(), new PageRequest(PAGE, cursor(after, "stl"), null)));
        return "merchant/settlements";
    }

    @GetMapping("/settlements/{id}")
    String settlement(Staff staff, @PathVariable String id, Model model) {
        Settlement s = settlements.find(staff.merchantId(), id).orElseThrow(() -> ApiException.notFound("settlement", id));
        model.addAttribute("s", s);
        model.addAttribute("lines", settlements.lines(id, PageRequest.first(100)));
        model.addAttribute("formats", java.util.List.of("csv", "xlsx", "pdf"));
        return "merchant/settlement";
    }

    @GetMapping("/settlements/{id}/statement.{format}")
    void statement(Staff staff, @PathVariable String id, @PathVariable String format, HttpServletResponse response) throws IOException {
        ReportFormat as = ReportFormat.ofExtension(format).orElseThrow(() -> ApiException.notFound("statement format", format));
        Settlement s = settlements.find(staff.merchantId(), id).orElseThrow(() -> ApiException.notFound("settlement", id));
        Statements.write(Statements.of(s, merchants.find(s.merchantId()).orElse(null), settlements), as, "statement-" + s.id(), response);
    }

    @GetMapping("/payouts")
    String payouts(Staff staff, @RequestParam(required = false) String after, Model model) {
        model.addAttribute("payouts", payouts.list(staff.merchantId(), new PageRequest(PAGE, cursor(after, "po"), null)));
        return "merchant/payouts";
    }

    private static String cursor(String after, String prefix) {
        if (after == null || after.isBlank()) {
            return null;
        }
        if (after.length() > 40 || !after.startsWith(prefix + "_")) {
            throw ApiException.invalid("after", "after must be an id");
        }
        return after;
    }
}
