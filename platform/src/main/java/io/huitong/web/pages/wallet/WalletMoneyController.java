package io.huitong.web.pages.wallet;

import io.huitong.web.pages.CardExpiry;
import io.huitong.kernel.ApiException;
import io.huitong.payments.PaymentRefused;
import io.huitong.risk.RiskContext;
import io.huitong.wallets.NewTopUp;
import io.huitong.wallets.NewWalletTransfer;
import io.huitong.wallets.TopUp;
import io.huitong.wallets.Wallets;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Money into the wallet from a card, and out of it to another consumer by phone number, through the wallet service.
 * The card's number and security code go to the service and nowhere else: never back into the page, never to a log.
 */
@Hidden
@Controller
@RequestMapping("/wallet")
class WalletMoneyController {

    private final Wallets wallets;
    private final WalletErrors errors;

    WalletMoneyController(Wallets wallets, WalletErrors errors) {
        this.wallets = wallets;
        this.errors = errors;
    }

    @GetMapping("/topup")
    String topUpPage(Payer payer) {
        return "wallet/topup";
    }

    @PostMapping("/topup")
    String topUp(Payer payer, @RequestParam(required = false) String amount, @RequestParam(name = "card_name", required = false) String cardName,
                 @RequestParam(name = "card_number", required = false) String cardNumber,
                 @RequestParam(name = "card_exp", required = false) String cardExp, @RequestParam(name = "card_cvc", required = false) String cardCvc,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        // only what is not secret goes back into the form when it is shown again
        model.addAttribute("amount", amount);
        model.addAttribute("cardName", cardName);
        try {
            int[] expiry = expiry(cardExp);
            String number = cardNumber == null ? null : cardNumber.replaceAll("[\\s-]", "");
            NewTopUp.Card card = new NewTopUp.Card(blank(number) ? null : number, expiry[0], expiry[1], blank(cardCvc) ? null : cardCvc.strip());
            TopUp topUp = wallets.topUp(payer.userId(), new NewTopUp(Amounts.parse(amount, Amounts.CURRENCY), Amounts.CURRENCY, card,
                    own(request)));
            if (topUp.nextAction() != null && topUp.nextAction().url() != null) {
                model.addAttribute("topUp", topUp);
                return "wallet/topup-action";
            }
            return "succeeded".equals(topUp.status()) ? "redirect:/wallet?done=topup" : "redirect:/wallet?done=topupPending";
        } catch (ApiException | PaymentRefused e) {
            response.setStatus(errors.show(model, e).value());
            return "wallet/topup";
        }
    }

    @GetMapping("/transfer")
    String transferPage(Payer payer) {
        return "wallet/transfer";
    }

    @PostMapping("/transfer")
    String transfer(Payer payer, @RequestParam(name = "to_phone", required = false) String toPhone,
                    @RequestParam(required = false) String amount, @RequestParam(required = false) String note,
                    @RequestParam(required = false) String otp, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("toPhone", toPhone);
        model.addAttribute("amount", amount);
        model.addAttribute("note", note);
        try {
            wallets.transfer(payer.userId(), new NewWalletTransfer(toPhone, Amounts.parse(amount, Amounts.CURRENCY), Amounts.CURRENCY,
                    blank(note) ? null : note.strip(), own(request), WalletAccessController.blankToNull(otp)));
            return "redirect:/wallet?done=transfer";
        } catch (ApiException | PaymentRefused e) {
            response.setStatus(errors.show(model, e).value());
            model.addAttribute("otpAsked", otp != null || e instanceof ApiException api && "authentication_required".equals(api.code()));
            return "wallet/transfer";
        }
    }

    /** Month and four-digit year of a typed expiry; a 400 on {@code card.exp_month} when it is none. */
    static int[] expiry(String typed) {
        if (blank(typed)) {
            throw ApiException.missing("card.exp_month");
        }
        CardExpiry expiry = CardExpiry.read(typed);
        if (expiry == null) {
            throw ApiException.invalid("card.exp_month", "the expiry date must be written MM/YY");
        }
        if (!expiry.monthValid()) {
            throw ApiException.invalid("card.exp_month", "the expiry month must be 1 to 12");
        }
        return new int[] {expiry.month(), expiry.year()};
    }

    /** What risk control learns of the payer's own request: its address (as the API takes it for a consumer's call). */
    static RiskContext own(HttpServletRequest request) {
        return RiskContext.EMPTY.orOwn(request.getRemoteAddr(), null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
