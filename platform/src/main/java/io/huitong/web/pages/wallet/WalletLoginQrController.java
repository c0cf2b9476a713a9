package io.huitong.web.pages.wallet;

import io.huitong.consumers.LoginQrs;
import io.huitong.kernel.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Logging in on another device by scanning its login QR code with the wallet (the same "scan" as paying): the payer sees
 * what they are about to approve, then approves it, and the other device's page receives its session.
 */
@Hidden
@Controller
class WalletLoginQrController {

    private static final String PREFIX = "huitong://login?";

    private final LoginQrs loginQrs;
    private final WalletErrors errors;

    WalletLoginQrController(LoginQrs loginQrs, WalletErrors errors) {
        this.loginQrs = loginQrs;
        this.errors = errors;
    }

    /** A login QR's id and nonce ({@code huitong://login?id=...&nonce=...}); empty for any other text. */
    record LoginCode(String id, String nonce) {

        @Override
        public String toString() {
            return "LoginCode[" + id + "]";
        }
    }

    static Optional<LoginCode> parse(String payload) {
        if (payload == null || !payload.startsWith(PREFIX) || payload.length() > 512) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        try {
            String query = URI.create(payload).getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        String id = fields.get("id");
        String nonce = fields.get("nonce");
        return id == null || nonce == null || id.isBlank() || nonce.isBlank() ? Optional.empty() : Optional.of(new LoginCode(id, nonce));
    }

    /** The page asking the payer whether to log in on the other device. */
    static String confirm(LoginCode code, Model model) {
        model.addAttribute("loginCode", code);
        return "wallet/login-qr";
    }

    @PostMapping("/wallet/login-qr/approve")
    String approve(Payer payer, @RequestParam(required = false) String id, @RequestParam(required = false) String nonce,
                   HttpServletResponse response, Model model) {
        try {
            if (id == null || nonce == null) {
                throw ApiException.invalid("qr_payload", "not a login QR code");
            }
            loginQrs.approve(id, nonce, payer.userId());
            return "redirect:/wallet?done=loginApproved";
        } catch (ApiException e) {
            response.setStatus(errors.show(model, e).value());
            return "wallet/pay";
        }
    }
}
