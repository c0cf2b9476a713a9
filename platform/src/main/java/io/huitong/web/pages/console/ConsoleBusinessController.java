package io.huitong.web.pages.console;

import io.huitong.channels.Channels;
import io.huitong.channels.Routing;
import io.huitong.channels.RoutingRule;
import io.huitong.channels.RoutingTable;
import io.huitong.identity.Merchant;
import io.huitong.identity.MerchantKey;
import io.huitong.identity.MerchantTerms;
import io.huitong.web.merchants.MerchantChanges;
import io.huitong.settlement.SettlementBankAccount;
import io.huitong.identity.Merchants;
import io.huitong.identity.NewMerchant;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.settlement.Settlements;
import io.huitong.web.approvals.ChangeApprovals;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Merchants and channels, through the same services as the API: merchants listed and onboarded, their terms changed with another
 * finance operator's approval, their secret key rotated (shown once); each channel's health, success rate, p99 latency and
 * breaker, and its routing rule switched on or off with another operator's approval, as {@code PUT /v1/admin/routing} does.
 */
@Hidden
@Controller
@RequestMapping("/console")
class ConsoleBusinessController {

    /** The actions the API's changes wait for approval under (MerchantAdminController, RoutingAdminController). */
    static final String REPLACE_ROUTING = "routing.replace";

    private final Merchants merchants;
    private final Settlements settlements;
    private final Channels channels;
    private final Routing routing;
    private final ChangeApprovals changes;
    private final MerchantChanges merchantChanges;

    ConsoleBusinessController(Merchants merchants, Settlements settlements, Channels channels, Routing routing, ChangeApprovals changes,
                               MerchantChanges merchantChanges) {
        this.merchants = merchants;
        this.settlements = settlements;
        this.channels = channels;
        this.routing = routing;
        this.changes = changes;
        this.merchantChanges = merchantChanges;
    }

    // ---- merchants ----

    @GetMapping("/merchants")
    @SameRolesAs("GET /v1/admin/merchants")
    String merchants(@RequestParam(required = false) String after, Model model) {
        Page<Merchant> page = merchants.list(Forms.page(after));
        model.addAttribute("merchants", page.data());
        model.addAttribute("next", page.hasMore() ? "/console/merchants?after=" + page.data().getLast().id() : null);
        return "console/business/merchants";
    }

    @PostMapping("/merchants")
    @SameRolesAs("POST /v1/admin/merchants")
    String onboard(@RequestParam(required = false) String name, @RequestParam(required = false) String email,
                   @RequestParam(name = "default_currency", required = false) String currency, Model model, HttpServletResponse response) {
        Merchants.Onboarded onboarded = merchants.onboard(new NewMerchant(Forms.required(name, "name", 200), Forms.required(email, "email", 200),
                Forms.text(currency, "default_currency", 3) == null ? "CNY" : currency.strip(), null, null, null, null));
        return secretKey(onboarded.merchant(), onboarded.key(), model, response);
    }

    @GetMapping("/merchants/{id}")
    @SameRolesAs("GET /v1/admin/merchants/{id}")
    String merchant(@PathVariable String id, @RequestParam(required = false) String done, Model model) {
        Merchant m = find(id);
        model.addAttribute("done", "frozen".equals(done) ? "console.merchant.done.frozen" : null);
        model.addAttribute("m", m);
        model.addAttribute("bankAccount", settlements.bankAccount(m.id()).orElse(null));
        return "console/business/merchant";
    }

    @PostMapping("/merchants/{id}/terms")
    @SameRolesAs("POST /v1/admin/merchants/{id}")
    String changeTerms(Staff staff, @PathVariable String id, @RequestParam(name = "settlement_schedule", required = false) String schedule,
                       @RequestParam(name = "settlement_currency", required = false) String currency,
                       @RequestParam(name = "fee_percent_bps", required = false) String feeBps,
                       @RequestParam(name = "fee_fixed", required = false) String feeFixed) {
        Merchant m = find(id);
        MerchantTerms terms = new MerchantTerms(Forms.text(schedule, "settlement_schedule", 8), Forms.text(currency, "settlement_currency", 3),
                integer(feeBps, "fee_percent_bps"),
                feeFixed == null || feeFixed.isBlank() ? null : (long) integer(feeFixed, "fee_fixed"));
        return ConsoleRiskController.requested(merchantChanges.terms(staff.principal(), m.id(), terms));
    }

    /** Asks for a new settlement bank account, which waits for another finance operator; the number stays sealed meanwhile. */
    @PostMapping("/merchants/{id}/bank_account")
    @SameRolesAs("PUT /v1/admin/merchants/{id}/bank_account")
    String setBankAccount(Staff staff, @PathVariable String id, @RequestParam(name = "bank_code", required = false) String bankCode,
                          @RequestParam(name = "account_number", required = false) String accountNumber,
                          @RequestParam(name = "account_name", required = false) String accountName) {
        Merchant m = find(id);
        SettlementBankAccount account = new SettlementBankAccount(Forms.text(bankCode, "bank_code", 16), Forms.text(accountNumber, "account_number", 34),
                Forms.text(accountName, "account_name", 140));
        return ConsoleRiskController.requested(merchantChanges.bankAccount(staff.principal(), m.id(), account));
    }

    /** Freezes the merchant at once, as the API does: stopping money needs no second person. */
    @PostMapping("/merchants/{id}/freeze")
    @SameRolesAs("POST /v1/admin/merchants/{id}/freeze")
    String freeze(@PathVariable String id) {
        Merchant m = merchants.freeze(find(id).id());
        return "redirect:/console/merchants/" + m.id() + "?done=frozen";
    }

    /** Asks for the merchant's unfreeze, which waits for a second operator. */
    @PostMapping("/merchants/{id}/unfreeze")
    @SameRolesAs("POST /v1/admin/merchants/{id}/unfreeze")
    String unfreeze(Staff staff, @PathVariable String id) {
        return ConsoleRiskController.requested(merchantChanges.unfreeze(staff.principal(), find(id).id()));
    }

    @PostMapping("/merchants/{id}/keys")
    @SameRolesAs("POST /v1/admin/merchants/{id}/keys")
    String rotateKey(@PathVariable String id, Model model, HttpServletResponse response) {
        Merchant m = find(id);
        return secretKey(m, merchants.rotateKey(m.id(), Duration.ofHours(24)), model, response);
    }

    /** The merchant's new secret key, shown this once and never kept by any cache. */
    private static String secretKey(Merchant m, MerchantKey key, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("m", m);
        model.addAttribute("key", key);
        return "console/business/key";
    }

    private Merchant find(String id) {
        return merchants.find(Forms.id(id, "merchant")).orElseThrow(() -> ApiException.notFound("merchant", id));
    }

    private static Integer integer(String value, String param) {
        String s = Forms.blank(value);
        if (s == null) {
            return null;
        }
        if (!s.matches("[0-9]{1,9}")) {
            throw ApiException.invalid(param, param + " must be a whole number");
        }
        return Integer.valueOf(s);
    }

    // ---- channels ----

    @GetMapping("/channels")
    @SameRolesAs({"GET /v1/admin/channels", "GET /v1/admin/routing"})
    String channels(Model model) {
        model.addAttribute("channels", channels.status());
        model.addAttribute("routing", routing.current());
        return "console/business/channels";
    }

    /** A channel's routing rule switched on or off: the whole table as it is but that, asked for as the API's PUT asks. */
    @PostMapping("/channels/{name}/routing")
    @SameRolesAs("PUT /v1/admin/routing")
    String switchRouting(Staff staff, @PathVariable String name, @RequestParam(required = false) String enabled) {
        boolean on = "true".equals(Forms.choice(enabled, "enabled", Set.of("true", "false")));
        if (enabled == null) {
            throw ApiException.missing("enabled");
        }
        RoutingTable table = routing.current();
        if (table.channels().stream().noneMatch(r -> r.name().equals(name))) {
            throw ApiException.notFound("routing rule", name.length() > 40 ? name.substring(0, 40) : name);
        }
        List<RoutingRule> rules = new ArrayList<>();
        List<Map<String, Object>> request = new ArrayList<>();
        for (RoutingRule r : table.channels()) {
            RoutingRule rule = r.name().equals(name)
                    ? new RoutingRule(r.name(), on, r.methods(), r.currencies(), r.minAmount(), r.maxAmount(), r.feeBps(), r.feeFixed()) : r;
            rules.add(rule);
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", rule.name());
            shown.put("enabled", rule.enabled());
            shown.put("methods", rule.methods());
            shown.put("currencies", rule.currencies());
            shown.put("min_amount", rule.minAmount());
            shown.put("max_amount", rule.maxAmount());
            shown.put("fee_bps", rule.feeBps());
            shown.put("fee_fixed", rule.feeFixed());
            request.add(shown);
        }
        routing.check(rules);
        return ConsoleRiskController.requested(changes.request(staff.principal(), REPLACE_ROUTING, "routing", "routing",
                Set.of(OperatorRole.RISK_ANALYST), Map.of("channels", request), Map.of("channels", rules.size())));
    }
}
