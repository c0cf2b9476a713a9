package io.huitong.web.pages.wallet;

import io.huitong.consumers.Login;
import io.huitong.consumers.NewUser;
import io.huitong.consumers.PasskeyCeremony;
import io.huitong.consumers.Passkeys;
import io.huitong.consumers.Session;
import io.huitong.consumers.Users;
import io.huitong.kernel.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.JsonNode;

/**
 * Getting into the wallet and out of it: sign-up, login with the password (and the one-time code once two-factor login
 * is on) or with a passkey, and logout. Each opens or ends a consumer session through the same services the API uses.
 */
@Hidden
@Controller
@RequestMapping("/wallet")
class WalletAccessController {

    private final Users users;
    private final Passkeys passkeys;
    private final WalletSessions sessions;
    private final WalletErrors errors;
    private final MessageSource messages;

    WalletAccessController(Users users, Passkeys passkeys, WalletSessions sessions, WalletErrors errors, MessageSource messages) {
        this.users = users;
        this.passkeys = passkeys;
        this.sessions = sessions;
        this.errors = errors;
        this.messages = messages;
    }

    @GetMapping("/login")
    String loginPage(HttpServletRequest request, @RequestParam(required = false) String done, Model model) {
        if (sessions.payer(request).isPresent()) {
            return "redirect:/wallet";
        }
        model.addAttribute("done", WalletHomeController.doneMessage(done));
        return "wallet/login";
    }

    @PostMapping("/login")
    String login(@RequestParam(required = false) String phone, @RequestParam(required = false) String password,
                 @RequestParam(required = false) String otp, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("phone", phone);
        try {
            Session session = users.login(new Login(phone, password, blankToNull(otp)), request.getRemoteAddr());
            sessions.open(request, response, session);
            return "redirect:/wallet";
        } catch (ApiException e) {
            response.setStatus(errors.show(model, e).value());
            model.addAttribute("otpAsked", otp != null || "otp_required".equals(e.code()) || "otp_invalid".equals(e.code()));
            return "wallet/login";
        }
    }

    @GetMapping("/signup")
    String signUpPage(HttpServletRequest request) {
        return sessions.payer(request).isPresent() ? "redirect:/wallet" : "wallet/signup";
    }

    /** Signs up, then logs in with the same phone number and password, as the payer would next. */
    @PostMapping("/signup")
    String signUp(@RequestParam(required = false) String name, @RequestParam(required = false) String phone,
                  @RequestParam(required = false) String password, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("name", name);
        model.addAttribute("phone", phone);
        try {
            users.signUp(new NewUser(phone, password, name));
            sessions.open(request, response, users.login(new Login(phone, password, null), request.getRemoteAddr()));
            return "redirect:/wallet?done=welcome";
        } catch (ApiException e) {
            response.setStatus(errors.show(model, e).value());
            return "wallet/signup";
        }
    }

    @PostMapping("/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(request, response);
        return "redirect:/wallet/login?done=loggedOut";
    }

    /** The options of a passkey login, for {@code navigator.credentials.get()} (wallet.js). */
    @PostMapping("/login/passkey/options")
    @ResponseBody
    ResponseEntity<Map<String, Object>> passkeyOptions() {
        PasskeyCeremony ceremony = passkeys.loginOptions();
        return json(HttpStatus.OK, Map.of("ceremony", ceremony.id(), "public_key", ceremony.publicKey()));
    }

    /** What wallet.js sends back: the ceremony's id, {@code PublicKeyCredential.toJSON()} and, for a new passkey, its name. */
    record PasskeyAnswer(String ceremony, JsonNode credential, String name) {
    }

    /** The authenticator's answer: a session in the cookie and where to go, or the message of why not. */
    @PostMapping("/login/passkey")
    @ResponseBody
    ResponseEntity<Map<String, Object>> passkeyLogin(@RequestBody PasskeyAnswer answer, HttpServletRequest request, HttpServletResponse response) {
        try {
            if (answer.ceremony() == null || answer.credential() == null) {
                throw ApiException.missing(answer.ceremony() == null ? "ceremony" : "credential");
            }
            Session session = passkeys.login(answer.ceremony(), answer.credential().toString(), request.getRemoteAddr());
            sessions.open(request, response, session);
            return json(HttpStatus.OK, Map.of("redirect", "/wallet"));
        } catch (ApiException e) {
            return problem(e);
        }
    }

    /** A refusal for wallet.js to show: its message in the page's language. */
    ResponseEntity<Map<String, Object>> problem(ApiException e) {
        WalletErrors.Problem problem = errors.of(e);
        return json(problem.status(), Map.of("message", messages.getMessage(problem.message(), null, LocaleContextHolder.getLocale())));
    }

    static ResponseEntity<Map<String, Object>> json(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
