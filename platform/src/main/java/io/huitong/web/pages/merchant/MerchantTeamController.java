package io.huitong.web.pages.merchant;

import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.kernel.ApiException;
import io.huitong.merchantusers.DashboardSettings;
import io.huitong.merchantusers.Invitation;
import io.huitong.merchantusers.MerchantRole;
import io.huitong.merchantusers.MerchantUsers;
import io.huitong.merchantusers.Permission;
import io.huitong.web.pages.wallet.Amounts;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The team (owners only): who is on the dashboard with which role, inviting someone (the link is shown once, as the
 * platform sends no mail), changing a role, disabling a user; and the dashboard's settings: the largest refund a support
 * user may make.
 */
@Hidden
@Controller
@RequestMapping("/merchant/team")
@Allowed(Permission.TEAM)
class MerchantTeamController {

    private static final Set<String> DONE = Set.of("roleChanged", "disabled", "settingsChanged");

    private final MerchantUsers users;
    private final Merchants merchants;
    private final MerchantErrors errors;
    private final String publicUrl;

    MerchantTeamController(MerchantUsers users, Merchants merchants, MerchantErrors errors,
                           @Value("${huitong.payments.public-url:}") String publicUrl) {
        this.users = users;
        this.merchants = merchants;
        this.errors = errors;
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    @GetMapping
    String team(Staff staff, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", MerchantAccessController.doneMessage(DONE, done));
        return show(staff, model);
    }

    private String show(Staff staff, Model model) {
        model.addAttribute("users", users.list(staff.merchantId()));
        model.addAttribute("roles", Arrays.stream(MerchantRole.values()).map(MerchantRole::wireName).toList());
        DashboardSettings settings = users.settings(staff.merchantId());
        String currency = currency(staff);
        model.addAttribute("currency", currency);
        model.addAttribute("supportRefundLimit", settings.supportRefundLimit());
        if (!model.containsAttribute("limitTyped")) {
            model.addAttribute("limitTyped", new MerchantFormat().plain(settings.supportRefundLimit(), currency));
        }
        return "merchant/team";
    }

    @PostMapping("/invite")
    String invite(Staff staff, @RequestParam(required = false) String email, @RequestParam(required = false) String role,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            Invitation invitation = users.invite(staff.merchantId(), email, MerchantRole.require(role), staff.userId());
            response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
            model.addAttribute("invitation", invitation);
            model.addAttribute("link", base(request) + "/merchant/invitation?token=" + invitation.token());
            return "merchant/invited";
        } catch (ApiException e) {
            HttpStatus status = errors.show(model, e);
            model.addAttribute("inviteEmail", email);
            String page = show(staff, model);
            response.setStatus(status.value());
            return page;
        }
    }

    @PostMapping("/{id}/role")
    String changeRole(Staff staff, @PathVariable String id, @RequestParam(required = false) String role, HttpServletResponse response,
                      Model model) {
        try {
            users.changeRole(staff.merchantId(), id, MerchantRole.require(role));
            return "redirect:/merchant/team?done=roleChanged";
        } catch (ApiException e) {
            return failed(staff, e, response, model);
        }
    }

    @PostMapping("/{id}/disable")
    String disable(Staff staff, @PathVariable String id, HttpServletResponse response, Model model) {
        try {
            users.disable(staff.merchantId(), id, staff.userId());
            return "redirect:/merchant/team?done=disabled";
        } catch (ApiException e) {
            return failed(staff, e, response, model);
        }
    }

    @PostMapping("/settings")
    String settings(Staff staff, @RequestParam(name = "support_refund_limit", required = false) String limit, HttpServletResponse response,
                    Model model) {
        try {
            long minor = limit != null && limit.strip().matches("0+(\\.0*)?") ? 0 : Amounts.parse(limit, currency(staff));
            users.changeSettings(staff.merchantId(), minor);
            return "redirect:/merchant/team?done=settingsChanged";
        } catch (ApiException e) {
            model.addAttribute("limitTyped", limit);
            HttpStatus status = errors.show(model, e);
            if ("amount".equals(model.getAttribute("errorField"))) {
                model.addAttribute("errorField", "support_refund_limit");
            }
            String page = show(staff, model);
            response.setStatus(status.value());
            return page;
        }
    }

    private String failed(Staff staff, ApiException e, HttpServletResponse response, Model model) {
        if (e.status() == 404) {
            throw e;
        }
        HttpStatus status = errors.show(model, e);
        String page = show(staff, model);
        response.setStatus(status.value());
        return page;
    }

    private String currency(Staff staff) {
        return merchants.find(staff.merchantId()).map(Merchant::defaultCurrency).orElse(Amounts.CURRENCY);
    }

    private String base(HttpServletRequest request) {
        return publicUrl.isEmpty() ? ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() : publicUrl;
    }
}
