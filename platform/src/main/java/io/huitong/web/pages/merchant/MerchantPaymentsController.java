package io.huitong.web.pages.merchant;

import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.insights.InvalidQuery;
import io.huitong.insights.MerchantInsights;
import io.huitong.insights.PaymentPage;
import io.huitong.insights.PaymentQuery;
import io.huitong.insights.PaymentTimeline;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.merchantusers.MerchantUsers;
import io.huitong.merchantusers.Permission;
import io.huitong.payments.NewRefund;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Payments;
import io.huitong.reports.ReportFormat;
import io.huitong.web.pages.wallet.Amounts;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Payments: the list with its search and filters, read by insights; a payment's detail with its timeline (what happened,
 * risk control's decision, the channel, the ledger's lines); a refund from the detail through the same service the API
 * uses, idempotent by a key the page carries (a form sent twice refunds once); and the filtered list as a file. Support
 * users refund at most the merchant's limit for them at once ({@link MerchantUsers#settings}).
 */
@Hidden
@Controller
@RequestMapping("/merchant/payments")
class MerchantPaymentsController {

    static final int PAGE = 20;
    private static final Set<String> DONE = Set.of("refunded", "refundPending");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MerchantInsights insights;
    private final Payments payments;
    private final Merchants merchants;
    private final MerchantUsers users;
    private final MerchantErrors errors;

    MerchantPaymentsController(MerchantInsights insights, Payments payments, Merchants merchants, MerchantUsers users, MerchantErrors errors) {
        this.insights = insights;
        this.payments = payments;
        this.merchants = merchants;
        this.users = users;
        this.errors = errors;
    }

    @ModelAttribute("filters")
    PaymentFilters filters(@RequestParam(required = false) String status, @RequestParam(required = false) String method,
                           @RequestParam(name = "amount_from", required = false) String amountFrom,
                           @RequestParam(name = "amount_to", required = false) String amountTo,
                           @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                           @RequestParam(required = false) String reference,
                           @RequestParam(name = "card_last4", required = false) String cardLast4) {
        return new PaymentFilters(status, method, amountFrom, amountTo, from, to, reference, cardLast4);
    }

    @GetMapping
    @Allowed(Permission.PAYMENTS_VIEW)
    String list(Staff staff, @ModelAttribute("filters") PaymentFilters filters, @RequestParam(required = false) String after,
                HttpServletResponse response, Model model) {
        model.addAttribute("statuses", PaymentQuery.STATUSES);
        model.addAttribute("methods", PaymentQuery.METHODS);
        model.addAttribute("query", filters.parameters());
        try {
            PaymentPage page = insights.search(staff.merchantId(), filters.query(currency(staff), after, PAGE));
            model.addAttribute("page", page);
        } catch (InvalidQuery e) {
            model.addAttribute("page", new PaymentPage(List.of(), false));
            model.addAttribute("error", "merchant.error.filter." + e.param());
            model.addAttribute("errorField", e.param());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "merchant/payments";
    }

    /** The filtered list as CSV or XLSX, streamed from the database as it is read. */
    @GetMapping("/export")
    @Allowed(Permission.PAYMENTS_EXPORT)
    void export(Staff staff, @ModelAttribute("filters") PaymentFilters filters, @RequestParam(required = false) String format,
                HttpServletResponse response) throws IOException {
        ReportFormat as = ReportFormat.ofExtension(format == null ? "csv" : format)
                .filter(f -> f == ReportFormat.CSV || f == ReportFormat.XLSX)
                .orElseThrow(() -> ApiException.invalid("format", "format must be csv or xlsx"));
        PaymentQuery query;
        try {
            query = filters.query(currency(staff), null, PaymentQuery.DEFAULT_LIMIT);
        } catch (InvalidQuery e) {
            throw ApiException.invalid(e.param(), e.getMessage());
        }
        response.setContentType(as.mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"payments-" + LocalDate.now(Amounts.ZONE) + "." + as.extension() + "\"");
        response.setHeader("Cache-Control", "no-store");
        insights.export(staff.merchantId(), query, as, response.getOutputStream());
        response.flushBuffer();
    }

    @GetMapping("/{id}")
    @Allowed(Permission.PAYMENTS_VIEW)
    String detail(Staff staff, @PathVariable String id, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", MerchantAccessController.doneMessage(DONE, done));
        return show(staff, id, model);
    }

    private String show(Staff staff, String id, Model model) {
        PaymentTimeline timeline = insights.timeline(staff.merchantId(), id)
                .orElseThrow(() -> ApiException.notFound("payment", id));
        model.addAttribute("t", timeline);
        long refundable = timeline.payment().amountReceived() - timeline.payment().amountRefunded();
        model.addAttribute("refundable", refundable);
        boolean limited = staff.role().refundsLimited();
        long limit = limited ? users.settings(staff.merchantId()).supportRefundLimit() : Long.MAX_VALUE;
        model.addAttribute("refundLimit", limited ? limit : null);
        model.addAttribute("canRefund", staff.may(Permission.PAYMENTS_REFUND) && "succeeded".equals(timeline.payment().status())
                && refundable > 0 && limit > 0);
        if (!model.containsAttribute("refundAmount")) {
            model.addAttribute("refundAmount", new MerchantFormat().plain(Math.min(refundable, limit), timeline.payment().currency()));
        }
        model.addAttribute("idempotencyKey", newKey());
        return "merchant/payment";
    }

    @PostMapping("/{id}/refund")
    @Allowed(Permission.PAYMENTS_REFUND)
    String refund(Staff staff, @PathVariable String id, @RequestParam(required = false) String amount,
                  @RequestParam(required = false) String reason, @RequestParam(name = "idempotency_key", required = false) String key,
                  HttpServletResponse response, Model model) {
        PaymentTimeline timeline = insights.timeline(staff.merchantId(), id).orElseThrow(() -> ApiException.notFound("payment", id));
        model.addAttribute("refundAmount", amount);
        try {
            if (key == null || !key.matches("dashboard_[A-Za-z0-9_-]{22,64}")) {
                throw ApiException.invalid("idempotency_key", "the form's key is missing: reload the page");
            }
            long minor = Amounts.parse(amount, timeline.payment().currency());
            if (staff.role().refundsLimited() && minor > users.settings(staff.merchantId()).supportRefundLimit()) {
                throw new ApiException(403, ErrorType.PERMISSION_ERROR, "refund_over_limit",
                        "Support staff may refund at most the merchant's limit at once.", "amount");
            }
            var refund = payments.refund(staff.merchantId(), new NewRefund(id, minor, reason == null || reason.isBlank() ? null : reason), key);
            return "redirect:/merchant/payments/" + id + "?done=" + ("succeeded".equals(refund.status()) ? "refunded" : "refundPending");
        } catch (ApiException | PaymentRefused e) {
            if (e instanceof ApiException api && api.status() == 404) {
                throw api;
            }
            HttpStatus status = errors.show(model, e);
            String page = show(staff, id, model);
            response.setStatus(status.value());
            return page;
        }
    }

    private String currency(Staff staff) {
        return merchants.find(staff.merchantId()).map(Merchant::defaultCurrency).orElse(Amounts.CURRENCY);
    }

    /** A new key for a refund form: a submit repeated with it refunds once. */
    static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "dashboard_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
