package io.huitong.web.pages.wallet;

import io.huitong.consumers.Users;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.wallets.TransactionFilter;
import io.huitong.wallets.WalletTransaction;
import io.huitong.wallets.Wallets;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The wallet's home (balance, class, what to do next) and its history with filters. */
@Hidden
@Controller
@RequestMapping("/wallet")
class WalletHomeController {

    /** What a finished action says on the page it lands on ({@code ?done=...}); anything else says nothing. */
    private static final Set<String> DONE = Set.of("welcome", "topup", "topupPending", "transfer", "paid", "frozen", "unfrozen",
            "verified", "loggedOut", "twoFactorOff", "passkeyDeleted", "loginApproved");
    private static final int HISTORY_PAGE = 20;

    private final Wallets wallets;
    private final Users users;

    WalletHomeController(Wallets wallets, Users users) {
        this.wallets = wallets;
        this.users = users;
    }

    static String doneMessage(String done) {
        return done != null && DONE.contains(done) ? "wallet.done." + done : null;
    }

    @GetMapping
    String home(Payer payer, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("wallet", wallets.wallet(payer.userId()));
        model.addAttribute("user", users.find(payer.userId()).orElseThrow(LoginRequired::new));
        model.addAttribute("recent", wallets.transactions(payer.userId(), PageRequest.first(5)).data());
        model.addAttribute("done", doneMessage(done));
        return "wallet/home";
    }

    @GetMapping("/history")
    String history(Payer payer, @RequestParam(required = false) String type, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, @RequestParam(required = false) String after, Model model,
                   HttpServletResponse response) {
        String kind = type == null || type.isBlank() ? null : type;
        model.addAttribute("type", kind);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("types", TransactionFilter.TYPES.stream().sorted().toList());
        Page<WalletTransaction> page = new Page<>(java.util.List.of(), false);
        try {
            TransactionFilter filter = new TransactionFilter(kind, day(from, "from", 0), day(to, "to", 1));
            String cursor = after == null || !after.matches("wtx_[0-9A-Za-z]{1,60}") ? null : after;
            page = wallets.transactions(payer.userId(), filter, new PageRequest(HISTORY_PAGE, cursor, null));
        } catch (ApiException e) {
            model.addAttribute("error", "wallet.error.history." + (e.param() == null ? "type" : e.param()));
            model.addAttribute("errorField", "until".equals(e.param()) ? "to" : e.param());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("lines", page.data());
        model.addAttribute("next", page.hasMore() && !page.data().isEmpty() ? page.data().getLast().id() : null);
        return "wallet/history";
    }

    /** The start of a day in China ({@code yyyy-MM-dd}), or of the day after it for the end of a range; null when blank. */
    private static Instant day(String date, String param, int plusDays) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip()).plusDays(plusDays).atStartOfDay(Amounts.ZONE).toInstant();
        } catch (java.time.DateTimeException e) {
            throw ApiException.invalid(param, param + " must be a date");
        }
    }

    /** Any other address under the wallet: the payer's "not found" page, not the API's. */
    @GetMapping("/**")
    ModelAndView notFound() {
        return WalletPageAdvice.page(HttpStatus.NOT_FOUND, "pages.error.notFound");
    }

    /** Where a form refused for its CSRF token lands (io.huitong.web.pages.PageSecurityConfig): start again. */
    @RequestMapping("/denied")
    ModelAndView denied() {
        return WalletPageAdvice.page(HttpStatus.FORBIDDEN, "pages.error.expired");
    }

    static final String REFUSED = "/wallet/refused";

    /** Where a form whose text could not be read lands ({@link io.huitong.web.pages.PageFormText}). */
    @GetMapping("/refused")
    ModelAndView refused() {
        return WalletPageAdvice.page(HttpStatus.BAD_REQUEST, "wallet.error.badText");
    }
}
