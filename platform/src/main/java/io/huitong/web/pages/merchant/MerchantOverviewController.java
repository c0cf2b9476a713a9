package io.huitong.web.pages.merchant;

import io.huitong.insights.InsightPeriod;
import io.huitong.insights.MerchantInsights;
import io.huitong.insights.Overview;
import io.huitong.kernel.ApiException;
import io.huitong.merchantusers.Permission;
import io.huitong.web.pages.wallet.Amounts;
import io.swagger.v3.oas.annotations.Hidden;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The overview: today, yesterday, the last 7 or 30 days, per currency: payments attempted, succeeded and their amount,
 * the success and refund rates, each beside the previous period's; a trend and a by-method chart, which merchant.js draws
 * with ECharts from this page's JSON ({@code /merchant/overview/data.json}), the same figures the page shows as text.
 */
@Hidden
@Controller
@RequestMapping("/merchant/overview")
@Allowed(Permission.OVERVIEW)
class MerchantOverviewController {

    private final MerchantInsights insights;
    private final MessageSource messages;

    MerchantOverviewController(MerchantInsights insights, MessageSource messages) {
        this.insights = insights;
        this.messages = messages;
    }

    static InsightPeriod period(String wire) {
        if (wire == null || wire.isBlank()) {
            return InsightPeriod.TODAY;
        }
        return InsightPeriod.fromWire(wire).orElseThrow(() -> ApiException.invalid("period", "period must be today, yesterday, 7d or 30d"));
    }

    @GetMapping
    String overview(Staff staff, @RequestParam(required = false) String period, Model model) {
        InsightPeriod p = period(period);
        Overview overview = insights.overview(staff.merchantId(), p);
        model.addAttribute("overview", overview);
        model.addAttribute("period", p.wireName());
        model.addAttribute("periods", List.of("today", "yesterday", "7d", "30d"));
        return "merchant/overview";
    }

    /** The charts' data: per currency, the trend's points (label, count, amount in major units) and the methods' shares. */
    @GetMapping("/data.json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> data(Staff staff, @RequestParam(required = false) String period) {
        InsightPeriod p = period(period);
        Overview overview = insights.overview(staff.merchantId(), p);
        var locale = LocaleContextHolder.getLocale();
        DateTimeFormatter label = overview.granularity() == InsightPeriod.Granularity.HOUR
                ? DateTimeFormatter.ofPattern("HH:mm").withZone(Amounts.ZONE)
                : DateTimeFormatter.ofPattern("MM-dd").withZone(Amounts.ZONE);
        List<Map<String, Object>> currencies = new ArrayList<>();
        for (Overview.CurrencyOverview c : overview.currencies()) {
            int digits = io.huitong.kernel.Currencies.minorUnits(c.currency());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("currency", c.currency());
            one.put("trend", c.trend().stream().map(t -> Map.<String, Object>of("label", label.format(t.start()), "count", t.succeededCount(),
                    "amount", BigDecimal.valueOf(t.succeededAmount(), digits))).toList());
            one.put("byMethod", c.byMethod().stream().map(m -> Map.<String, Object>of("method", m.method(),
                    "label", messages.getMessage("merchant.method." + m.method(), null, m.method(), locale),
                    "count", m.succeededCount(), "amount", BigDecimal.valueOf(m.succeededAmount(), digits))).toList());
            currencies.add(one);
        }
        Map<String, Object> labels = Map.of("amount", messages.getMessage("merchant.overview.amount", null, locale),
                "count", messages.getMessage("merchant.overview.succeeded", null, locale),
                "methods", messages.getMessage("merchant.overview.byMethod", null, locale));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("period", p.wireName(), "currencies", currencies, "labels", labels));
    }
}
