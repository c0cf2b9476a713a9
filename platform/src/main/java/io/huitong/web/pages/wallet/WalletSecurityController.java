package io.huitong.web.pages.wallet;

import io.huitong.consumers.Passkey;
import io.huitong.consumers.PasskeyCeremony;
import io.huitong.consumers.Passkeys;
import io.huitong.consumers.Totp;
import io.huitong.consumers.TotpConfirmation;
import io.huitong.consumers.TwoFactor;
import io.huitong.kernel.ApiException;
import io.huitong.wallets.Wallets;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The wallet's security: reporting it lost (挂失: frozen at once, nothing leaves it) and unfreezing it with the password
 * or a one-time code, two-factor login with an authenticator app (its QR code to scan, its recovery codes shown once),
 * and passkeys (registered by wallet.js with the browser's WebAuthn).
 */
@Hidden
@Controller
@RequestMapping("/wallet")
class WalletSecurityController {

    private final Wallets wallets;
    private final TwoFactor twoFactor;
    private final Passkeys passkeys;
    private final WalletErrors errors;
    private final WalletAccessController access;

    WalletSecurityController(Wallets wallets, TwoFactor twoFactor, Passkeys passkeys, WalletErrors errors, WalletAccessController access) {
        this.wallets = wallets;
        this.twoFactor = twoFactor;
        this.passkeys = passkeys;
        this.errors = errors;
        this.access = access;
    }

    @GetMapping("/security")
    String page(Payer payer, @RequestParam(required = false) String done, HttpServletResponse response, Model model) {
        model.addAttribute("done", WalletHomeController.doneMessage(done));
        return show(payer, response, model);
    }

    private String show(Payer payer, HttpServletResponse response, Model model) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("wallet", wallets.wallet(payer.userId()));
        Totp totp = twoFactor.totp(payer.userId());
        model.addAttribute("totp", totp);
        if (totp.otpauthUri() != null) {
            model.addAttribute("totpQr", WalletImages.qrDataUri(totp.otpauthUri()));
        }
        model.addAttribute("passkeys", passkeys.list(payer.userId()));
        return "wallet/security";
    }

    @PostMapping("/freeze")
    String freeze(Payer payer) {
        wallets.freeze(payer.userId());
        return "redirect:/wallet/security?done=frozen";
    }

    @PostMapping("/unfreeze")
    String unfreeze(Payer payer, @RequestParam(required = false) String password, @RequestParam(required = false) String otp,
                    HttpServletResponse response, Model model) {
        try {
            wallets.unfreeze(payer.userId(), WalletAccessController.blankToNull(otp), password == null || password.isEmpty() ? null : password);
            return "redirect:/wallet/security?done=unfrozen";
        } catch (ApiException e) {
            HttpStatus status = errors.show(model, e);
            String page = show(payer, response, model);
            response.setStatus(status.value());
            return page;
        }
    }

    /** Starts (or restarts) the authenticator's setup: the page then shows its QR code and asks for a code. */
    @PostMapping("/two-factor")
    String startTwoFactor(Payer payer, HttpServletResponse response, Model model) {
        try {
            twoFactor.startTotp(payer.userId());
            return "redirect:/wallet/security#two-factor";
        } catch (ApiException e) {
            return failed(payer, e, response, model);
        }
    }

    @PostMapping("/two-factor/confirm")
    String confirmTwoFactor(Payer payer, @RequestParam(required = false) String otp, HttpServletResponse response, Model model) {
        try {
            TotpConfirmation confirmed = twoFactor.confirmTotp(payer.userId(), otp == null ? null : otp.strip());
            response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
            model.addAttribute("recoveryCodes", confirmed.recoveryCodes());
            return "wallet/recovery-codes";
        } catch (ApiException e) {
            return failed(payer, e, response, model);
        }
    }

    @PostMapping("/two-factor/disable")
    String disableTwoFactor(Payer payer, @RequestParam(required = false) String otp, HttpServletResponse response, Model model) {
        try {
            twoFactor.disableTotp(payer.userId(), otp == null ? null : otp.strip());
            return "redirect:/wallet/security?done=twoFactorOff";
        } catch (ApiException e) {
            return failed(payer, e, response, model);
        }
    }

    private String failed(Payer payer, ApiException e, HttpServletResponse response, Model model) {
        HttpStatus status = errors.show(model, e);
        String page = show(payer, response, model);
        response.setStatus(status.value());
        return page;
    }

    /** Creation options of a new passkey, for {@code navigator.credentials.create()} (wallet.js). */
    @PostMapping("/passkeys/options")
    @ResponseBody
    ResponseEntity<Map<String, Object>> passkeyOptions(Payer payer) {
        try {
            PasskeyCeremony ceremony = passkeys.registrationOptions(payer.userId());
            return WalletAccessController.json(HttpStatus.OK, Map.of("ceremony", ceremony.id(), "public_key", ceremony.publicKey()));
        } catch (ApiException e) {
            return access.problem(e);
        }
    }

    /** The passkey the authenticator created, registered; wallet.js then reloads the page. */
    @PostMapping("/passkeys")
    @ResponseBody
    ResponseEntity<Map<String, Object>> registerPasskey(Payer payer, @RequestBody WalletAccessController.PasskeyAnswer answer) {
        try {
            if (answer.ceremony() == null || answer.credential() == null) {
                throw ApiException.missing(answer.ceremony() == null ? "ceremony" : "credential");
            }
            Passkey passkey = passkeys.register(payer.userId(), answer.ceremony(), answer.credential().toString(), answer.name());
            return WalletAccessController.json(HttpStatus.CREATED, Map.of("id", passkey.id(), "redirect", "/wallet/security"));
        } catch (ApiException e) {
            return access.problem(e);
        }
    }

    @PostMapping("/passkeys/{id}/delete")
    String deletePasskey(Payer payer, @PathVariable String id, HttpServletResponse response, Model model) {
        try {
            passkeys.delete(payer.userId(), id);
            return "redirect:/wallet/security?done=passkeyDeleted";
        } catch (ApiException e) {
            return failed(payer, e, response, model);
        }
    }
}
