package io.huitong.web.pages.merchant;

import io.huitong.kernel.ApiException;
import io.huitong.merchantusers.InvitationView;
import io.huitong.merchantusers.MerchantSession;
import io.huitong.merchantusers.MerchantUser;
import io.huitong.merchantusers.MerchantUserLogin;
import io.huitong.merchantusers.MerchantUsers;
import io.huitong.merchantusers.Permission;
import io.huitong.merchantusers.TotpSetup;
import io.huitong.web.audit.AccessTrail;
import io.huitong.web.consumers.QrImages;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Getting onto the dashboard and off it: accepting an invitation (a password, then an authenticator app enrolled by its
 * QR code), login with email, password and a one-time code, logout. Every login, failed ones included, and every
 * acceptance goes on the audit trail under the user when the email is one's ({@code merchant_user.login}), else as
 * {@code anonymous} with the email tried.
 */
@Hidden
@Controller
@RequestMapping("/merchant")
class MerchantAccessController {

    /** Where a form whose text could not be read lands ({@link io.huitong.web.pages.PageFormText}). */
    static final String REFUSED = "/merchant/refused";
    static final String LOGIN = "merchant_user.login";
    static final String ACCEPTED = "merchant_user.invitation_accepted";

    /** What a finished action says on the page it lands on ({@code ?done=...}); anything else says nothing. */
    private static final Set<String> DONE = Set.of("accepted", "loggedOut", "sessionEnded");

    private final MerchantUsers users;
    private final MerchantSessions sessions;
    private final MerchantErrors errors;
    private final AccessTrail access;

    MerchantAccessController(MerchantUsers users, MerchantSessions sessions, MerchantErrors errors, AccessTrail access) {
        this.users = users;
        this.sessions = sessions;
        this.errors = errors;
        this.access = access;
    }

    static String doneMessage(Set<String> known, String done) {
        return done != null && known.contains(done) ? "merchant.done." + done : null;
    }

    /** The first page a role may open: the overview, the payments, or the developers' page. */
    static String landing(Staff staff) {
        if (staff.may(Permission.OVERVIEW)) {
            return "/merchant/overview";
        }
        if (staff.may(Permission.PAYMENTS_VIEW)) {
            return "/merchant/payments";
        }
        return "/merchant/developers";
    }

    @GetMapping
    String home(Staff staff) {
        return "redirect:" + landing(staff);
    }

    @GetMapping("/login")
    String loginPage(HttpServletRequest request, @RequestParam(required = false) String done,
                     @RequestParam(required = false) String email, HttpServletResponse response, Model model) {
        Optional<Staff> staff = sessions.staff(request);
        if (staff.isPresent()) {
            return "redirect:" + landing(staff.get());
        }
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("done", doneMessage(DONE, done));
        model.addAttribute("email", email != null && email.length() <= 254 ? email : null);
        return "merchant/login";
    }

    @PostMapping("/login")
    String login(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
                 @RequestParam(required = false) String otp, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("email", email);
        try {
            MerchantSession session = users.login(new MerchantUserLogin(email, password, otp), request.getRemoteAddr());
            sessions.open(request, response, session);
            MerchantUser user = session.user();
            access.record(user.id(), LOGIN, "merchant_user", user.id(), request,
                    Map.of("merchant", user.merchantId(), "outcome", "succeeded"));
            return "redirect:/merchant";
        } catch (ApiException e) {
            // a failed or refused attempt: who was tried, from where, and why it failed (never the password or the code)
            Map<String, Object> detail = new LinkedHashMap<>();
            Optional<MerchantUser> tried = email == null ? Optional.empty() : users.findByEmail(email);
            detail.put("email", email == null ? null : email.length() > 254 ? email.substring(0, 254) : email);
            tried.ifPresent(u -> detail.put("merchant", u.merchantId()));
            detail.put("outcome", e.code());
            access.record(tried.map(MerchantUser::id).orElse(AccessTrail.ANONYMOUS), LOGIN, "merchant_user",
                    tried.map(MerchantUser::id).orElse(null), request, detail);
            response.setStatus(errors.show(model, e).value());
            return "merchant/login";
        }
    }

    @PostMapping("/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(request, response);
        return "redirect:/merchant/login?done=loggedOut";
    }

    /** An invitation's link: who is invited to which merchant, and the form to choose a password. */
    @GetMapping("/invitation")
    String invitation(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        InvitationView invitation = invited(token);
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("invitation", invitation);
        model.addAttribute("token", token);
        return "merchant/invitation";
    }

    @PostMapping("/invitation/password")
    String choosePassword(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
                          @RequestParam(name = "password_again", required = false) String again, HttpServletResponse response,
                          Model model) {
        InvitationView invitation = invited(token);
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("invitation", invitation);
        model.addAttribute("token", token);
        try {
            if (password != null && !password.isEmpty() && !password.equals(again)) {
                response.setStatus(MerchantErrors.show(model, "merchant.error.passwordsDiffer", "password_again").value());
                return "merchant/invitation";
            }
            return enrolment(users.choosePassword(token, password), model);
        } catch (ApiException e) {
            response.setStatus(errors.show(model, e).value());
            return "merchant/invitation";
        }
    }

    @PostMapping("/invitation/totp")
    String confirmTotp(@RequestParam(required = false) String token, @RequestParam(required = false) String otp,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        InvitationView invitation = invited(token);
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("invitation", invitation);
        model.addAttribute("token", token);
        try {
            MerchantUser user = users.confirmTotp(token, otp, request.getRemoteAddr());
            access.record(user.id(), ACCEPTED, "merchant_user", user.id(), request,
                    Map.of("merchant", user.merchantId(), "role", user.role().wireName(), "outcome", "succeeded"));
            return "redirect:/merchant/login?done=accepted&email=" + java.net.URLEncoder.encode(user.email(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (ApiException e) {
            access.record(invitation.user().id(), ACCEPTED, "merchant_user", invitation.user().id(), request,
                    Map.of("merchant", invitation.user().merchantId(), "outcome", e.code()));
            HttpStatus status = errors.show(model, e);
            Optional<TotpSetup> pending = users.pendingTotp(token);
            response.setStatus(status.value());
            return pending.map(setup -> enrolment(setup, model)).orElse("merchant/invitation");
        }
    }

    private String enrolment(TotpSetup setup, Model model) {
        model.addAttribute("secret", setup.secret().replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("otpauthUri", setup.otpauthUri());
        model.addAttribute("qr", "data:image/png;base64," + Base64.getEncoder().encodeToString(QrImages.png(setup.otpauthUri())));
        return "merchant/enrol";
    }

    private InvitationView invited(String token) {
        return users.invitation(token).orElseThrow(() -> new ApiException(404, io.huitong.kernel.ErrorType.INVALID_REQUEST_ERROR,
                "invitation_invalid", "This invitation is not valid (any more).", null));
    }

    /** Where a form refused for its CSRF token lands (io.huitong.web.pages.PageSecurityConfig): start again. */
    @RequestMapping("/denied")
    ModelAndView denied(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("merchant/error");
        page.addObject("message", "merchant.error.expired");
        page.addObject("area", "denied");
        page.setStatus(HttpStatus.FORBIDDEN);
        return page;
    }

    /** Any other path under the dashboard: its own 404 page, not the API's JSON. */
    @RequestMapping("/**")
    ModelAndView notFound(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("merchant/error");
        page.addObject("message", "merchant.error.notFound");
        page.addObject("area", MerchantPageAdvice.area(request.getRequestURI()));
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }

    /** Where a form whose text could not be read lands. */
    @GetMapping("/refused")
    ModelAndView refused() {
        ModelAndView page = new ModelAndView("merchant/error");
        page.addObject("message", "merchant.error.badText");
        page.addObject("area", "refused");
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }
}
