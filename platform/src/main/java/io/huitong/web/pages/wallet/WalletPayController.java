package io.huitong.web.pages.wallet;

import io.huitong.kernel.ApiException;
import io.huitong.payments.PaymentRefused;
import io.huitong.wallets.PaymentCode;
import io.huitong.wallets.Wallets;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Paying merchants: a merchant's QR code, uploaded as a picture (read on the server) or pasted as its text, shown for the
 * payer to confirm and then paid from the balance (a login QR code, read the same way, is for {@link WalletLoginQrController});
 * and the payer's own payment code for a merchant to scan, a QR code and
 * a barcode renewed every minute.
 */
@Hidden
@Controller
@RequestMapping("/wallet")
class WalletPayController {

    private final Wallets wallets;
    private final WalletErrors errors;

    WalletPayController(Wallets wallets, WalletErrors errors) {
        this.wallets = wallets;
        this.errors = errors;
    }

    @GetMapping("/pay")
    String payPage(Payer payer) {
        return "wallet/pay";
    }

    /** A picture of the merchant's QR code: read, then shown to confirm. */
    @PostMapping("/pay/scan")
    String scan(Payer payer, @RequestParam(name = "qr_image", required = false) MultipartFile image, HttpServletResponse response,
                Model model) throws IOException {
        if (image == null || image.isEmpty()) {
            response.setStatus(WalletErrors.show(model, "wallet.error.parameter_missing.qr_image", "qr_image").value());
            return "wallet/pay";
        }
        try {
            return WalletImages.readQr(image.getBytes())
                    .map(payload -> confirm(payload, response, model))
                    .orElseGet(() -> {
                        response.setStatus(WalletErrors.show(model, "wallet.error.noQrFound", "qr_image").value());
                        return "wallet/pay";
                    });
        } catch (ApiException e) {
            response.setStatus(errors.show(model, e).value());
            return "wallet/pay";
        }
    }

    /** The text of the merchant's QR code, pasted: shown to confirm. */
    @PostMapping("/pay/paste")
    String paste(Payer payer, @RequestParam(name = "qr_payload", required = false) String payload, HttpServletResponse response, Model model) {
        model.addAttribute("payload", payload);
        return confirm(payload == null ? null : payload.strip(), response, model);
    }

    private String confirm(String payload, HttpServletResponse response, Model model) {
        var login = WalletLoginQrController.parse(payload);
        if (login.isPresent()) {
            return WalletLoginQrController.confirm(login.get(), model);
        }
        try {
            model.addAttribute("preview", wallets.previewQr(payload));
            model.addAttribute("payload", payload);
            return "wallet/pay-confirm";
        } catch (ApiException e) {
            response.setStatus(errors.show(model, e).value());
            return "wallet/pay";
        }
    }

    @PostMapping("/pay/confirm")
    String pay(Payer payer, @RequestParam(name = "qr_payload", required = false) String payload, @RequestParam(required = false) String otp,
               HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            wallets.payQr(payer.userId(), payload, WalletMoneyController.own(request), WalletAccessController.blankToNull(otp));
            return "redirect:/wallet?done=paid";
        } catch (ApiException | PaymentRefused e) {
            response.setStatus(errors.show(model, e).value());
            model.addAttribute("otpAsked", otp != null || e instanceof ApiException api && "authentication_required".equals(api.code()));
            model.addAttribute("payload", payload);
            try {
                model.addAttribute("preview", wallets.previewQr(payload));
                return "wallet/pay-confirm";
            } catch (ApiException unreadable) {
                return "wallet/pay";
            }
        }
    }

    @GetMapping("/code")
    String codePage(Payer payer, HttpServletResponse response, Model model) {
        code(payer, response, model);
        return "wallet/code";
    }

    /** A fresh code for the page's polling (htmx, every 60 seconds): the code's part of the page alone. */
    @GetMapping("/code/fresh")
    String freshCode(Payer payer, HttpServletResponse response, Model model) {
        code(payer, response, model);
        return "wallet/code :: code";
    }

    private void code(Payer payer, HttpServletResponse response, Model model) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        try {
            PaymentCode code = wallets.paymentCode(payer.userId());
            model.addAttribute("code", code);
            model.addAttribute("qr", WalletImages.qrDataUri(code.code()));
            model.addAttribute("barcode", WalletImages.barcodeDataUri(code.code()));
        } catch (ApiException e) {
            // a frozen wallet gets no code: the page says why, and keeps asking in case it is unfrozen
            errors.show(model, e);
        }
    }
}
