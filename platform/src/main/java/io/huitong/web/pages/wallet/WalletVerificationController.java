package io.huitong.web.pages.wallet;

import io.huitong.consumers.NewVerificationChannel;
import io.huitong.consumers.RealName;
import io.huitong.consumers.Verification;
import io.huitong.consumers.Verifications;
import io.huitong.kernel.ApiException;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.Wallets;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Real-name verification (实名认证): the name and resident ID number through the public-security channel first, then
 * further channels that raise the wallet's class. The identity is shown masked only, as the service answers it.
 */
@Hidden
@Controller
@RequestMapping("/wallet/verify")
class WalletVerificationController {

    /** The channels a payer adds here: those that check the name and ID number alone. */
    static final List<String> MORE_CHANNELS = List.of("phone_operator", "social_security", "housing_fund", "tax");

    private final Verifications verifications;
    private final Wallets wallets;
    private final WalletErrors errors;

    WalletVerificationController(Verifications verifications, Wallets wallets, WalletErrors errors) {
        this.verifications = verifications;
        this.wallets = wallets;
        this.errors = errors;
    }

    @GetMapping
    String page(Payer payer, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", WalletHomeController.doneMessage(done));
        return show(payer, model);
    }

    private String show(Payer payer, Model model) {
        Verification verification = verifications.verification(payer.userId());
        model.addAttribute("verification", verification);
        model.addAttribute("accountClass", wallets.accountClass(payer.userId()).map(AccountClass::name).orElse(null));
        List<String> verified = verification.channels().stream().map(Verification.Channel::channel).toList();
        model.addAttribute("moreChannels", MORE_CHANNELS.stream().filter(c -> !verified.contains(c)).toList());
        return "wallet/verify";
    }

    @PostMapping
    String verify(Payer payer, @RequestParam(required = false) String name, @RequestParam(name = "id_number", required = false) String idNumber,
                  HttpServletResponse response, Model model) {
        try {
            verifications.verify(payer.userId(), new RealName(name, idNumber));
            return "redirect:/wallet/verify?done=verified";
        } catch (ApiException e) {
            return failed(payer, e, name, response, model);
        }
    }

    @PostMapping("/channel")
    String addChannel(Payer payer, @RequestParam(required = false) String channel, @RequestParam(required = false) String name,
                      @RequestParam(name = "id_number", required = false) String idNumber, HttpServletResponse response, Model model) {
        try {
            if (channel == null || !MORE_CHANNELS.contains(channel)) {
                throw ApiException.invalid("channel", "channel must be one of " + MORE_CHANNELS);
            }
            verifications.addChannel(payer.userId(), new NewVerificationChannel(channel, name, idNumber, null));
            return "redirect:/wallet/verify?done=verified";
        } catch (ApiException e) {
            return failed(payer, e, name, response, model);
        }
    }

    private String failed(Payer payer, ApiException e, String name, HttpServletResponse response, Model model) {
        HttpStatus status = errors.show(model, e);
        model.addAttribute("name", name);
        String page = show(payer, model);
        response.setStatus(status.value());
        return page;
    }
}
