package io.huitong.web.pages.console;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.huitong.kernel.ApiException;
import io.huitong.operators.MfaEnrollmentRequired;
import io.huitong.operators.OperatorLogin;
import io.huitong.operators.OperatorSession;
import io.huitong.operators.Operators;
import io.huitong.operators.TotpEnrollment;
import io.huitong.web.audit.AccessTrail;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Getting into the console and out of it, through the same operator logins as the API's: email, password and the current
 * one-time code; an operator without a second factor yet enrols TOTP first (a QR code for their authenticator app, then a code
 * from it), which opens their session. Logins, failed ones included, enrolments and logouts go on the access trail as the API's
 * do. Also the pages that say a request was refused, and the console's "not found".
 */
@Hidden
@Controller
@RequestMapping("/console")
class ConsoleAccessController {

    /** As the API's OperatorSessionController records them. */
    static final String LOGIN = "operator.login";
    static final String ENROL = "operator.totp_enrolled";
    static final String LOGOUT = "operator.logout";
    private static final Set<String> DONE = Set.of("loggedOut", "enrolled");
    private static final Pattern BASE32 = Pattern.compile("[A-Z2-7]{16,128}");

    private final Operators operators;
    private final ConsoleSessions sessions;
    private final ConsoleErrors errors;
    private final AccessTrail access;

    ConsoleAccessController(Operators operators, ConsoleSessions sessions, ConsoleErrors errors, AccessTrail access) {
        this.operators = operators;
        this.sessions = sessions;
        this.errors = errors;
        this.access = access;
    }

    static String done(String done) {
        return done != null && DONE.contains(done) ? "console.done." + done : null;
    }

    @GetMapping("/login")
    @NoLogin
    String loginPage(HttpServletRequest request, @RequestParam(required = false) String done, Model model) {
        if (sessions.staff(request).isPresent()) {
            return "redirect:/console";
        }
        model.addAttribute("done", done(done));
        return "console/login";
    }

    @PostMapping("/login")
    @NoLogin
    String login(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
                 @RequestParam(required = false) String otp, HttpServletRequest request, HttpServletResponse response, Model model) {
        String typed = email == null ? "" : email.strip();
        model.addAttribute("email", typed.length() > 200 ? typed.substring(0, 200) : typed);
        OperatorSession session;
        try {
            if (typed.isEmpty() || typed.length() > 200) {
                throw ApiException.missing("email");
            }
            if (password == null || password.isEmpty() || password.length() > 1000) {
                throw ApiException.missing("password");
            }
            String code = Forms.blank(otp);
            session = operators.login(new OperatorLogin(typed, password, code == null || code.length() > 20 ? code : code.replace(" ", "")),
                    request.getRemoteAddr());
        } catch (MfaEnrollmentRequired e) {
            access.record(AccessTrail.ANONYMOUS, LOGIN, null, request, Map.of("email", typed, "outcome", e.code(), "via", "console"));
            sessions.enrolling(request, response, e.enrollmentToken(), e.expiresAt());
            return "redirect:/console/enrol";
        } catch (ApiException e) {
            if (!"parameter_missing".equals(e.code())) {
                access.record(AccessTrail.ANONYMOUS, LOGIN, null, request, Map.of("email", typed, "outcome", e.code(), "via", "console"));
            }
            ConsoleErrors.Problem problem = errors.of(e);
            model.addAttribute("error", problem.message());
            model.addAttribute("errorField", "invalid_otp".equals(e.code()) || "mfa_required".equals(e.code()) ? "otp"
                    : "parameter_missing".equals(e.code()) ? e.param() : null);
            response.setStatus(problem.status().value());
            return "console/login";
        }
        String id = session.operator().id();
        access.record(id, LOGIN, id, request, Map.of("outcome", "succeeded", "via", "console"));
        sessions.open(request, response, session);
        return "redirect:/console";
    }

    /** The operator's first TOTP: a new secret for their authenticator app, as a QR code and as text. */
    @GetMapping("/enrol")
    @NoLogin
    String enrolPage(HttpServletRequest request, Model model) {
        String token = sessions.enrollmentToken(request).orElse(null);
        if (token == null) {
            return "redirect:/console/login";
        }
        TotpEnrollment enrollment = operators.beginTotpEnrollment(token);
        show(model, enrollment.secret(), enrollment.otpauthUri());
        return "console/enrol";
    }

    @PostMapping("/enrol")
    @NoLogin
    String enrol(@RequestParam(required = false) String code, @RequestParam(required = false) String secret,
                 @RequestParam(name = "otpauth_uri", required = false) String uri, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        String token = sessions.enrollmentToken(request).orElse(null);
        if (token == null) {
            return "redirect:/console/login";
        }
        OperatorSession session;
        try {
            String typed = Forms.blank(code);
            session = operators.confirmTotpEnrollment(token, typed == null ? null : typed.replace(" ", ""), request.getRemoteAddr());
        } catch (ApiException e) {
            access.record(AccessTrail.ANONYMOUS, ENROL, null, request, Map.of("outcome", e.code(), "via", "console"));
            if ("invalid_enrollment_token".equals(e.code()) || "enrollment_not_started".equals(e.code())) {
                throw e;
            }
            // the same secret again, as the page showed it: the one the operator's app already holds
            if (secret != null && BASE32.matcher(secret).matches() && uri != null && uri.startsWith("otpauth://totp/") && uri.length() < 500
                    && uri.contains("secret=" + secret)) {
                show(model, secret, uri);
            }
            ConsoleErrors.Problem problem = errors.of(e);
            model.addAttribute("error", problem.message());
            model.addAttribute("errorField", "code");
            response.setStatus(problem.status().value());
            return "console/enrol";
        }
        String id = session.operator().id();
        access.record(id, ENROL, id, request, Map.of("outcome", "succeeded", "via", "console"));
        sessions.open(request, response, session);
        return "redirect:/console?done=enrolled";
    }

    private static void show(Model model, String secret, String uri) {
        model.addAttribute("secret", secret);
        model.addAttribute("secretGrouped", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("otpauthUri", uri);
        model.addAttribute("qr", "data:image/png;base64," + Base64.getEncoder().encodeToString(qr(uri)));
    }

    @PostMapping("/logout")
    @AnyOperator
    @AccessTrailed
    String logout(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(request, response).ifPresent(staff ->
                access.record(staff.id(), LOGOUT, staff.id(), request, Map.of("outcome", "succeeded", "via", "console")));
        return "redirect:/console/login?done=loggedOut";
    }

    /** Where a form refused for its CSRF token lands (io.huitong.web.pages.PageSecurityConfig): start again. */
    @RequestMapping("/denied")
    @NoLogin
    ModelAndView denied(HttpServletRequest request) {
        return page(HttpStatus.FORBIDDEN, "console.error.expired");
    }

    static final String REFUSED = "/console/refused";

    /** Where a form whose text could not be read lands ({@link io.huitong.web.pages.PageFormText}). */
    @GetMapping("/refused")
    @NoLogin
    ModelAndView refused() {
        return page(HttpStatus.BAD_REQUEST, "console.error.badText");
    }

    /** Any other address under the console: the console's "not found" page, not the API's. */
    @RequestMapping("/**")
    @NoLogin
    ModelAndView notFound() {
        return page(HttpStatus.NOT_FOUND, "console.error.notFound");
    }

    private static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("console/error");
        page.addObject("message", message);
        page.addObject("status", status.value());
        page.setStatus(status);
        return page;
    }

    /** An otpauth:// URI as a QR code, black on white with the standard quiet zone. */
    static byte[] qr(String payload) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 220, 220,
                    new LinkedHashMap<>(Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4)));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("the URI does not fit in a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
