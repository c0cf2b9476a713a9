package io.huitong.web.checkout;

import io.huitong.checkout.CheckoutSession;
import io.huitong.checkout.LineItem;
import io.huitong.checkout.NewCheckoutSession;
import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.kernel.Currencies;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What every checkout page shows of its session: the merchant, the amounts in the payer's language, the lines. */
@Component
class CheckoutView {

    /** A line as the page shows it. */
    record Line(String name, long quantity, String amount) {
    }

    /** The time payers read: the platform's business zone. */
    static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    private final Merchants merchants;
    private final MessageSource messages;

    CheckoutView(Merchants merchants, MessageSource messages) {
        this.merchants = merchants;
        this.messages = messages;
    }

    void fill(Model model, CheckoutSession s, Locale locale) {
        model.addAttribute("cs", s);
        model.addAttribute("merchant", merchants.find(s.merchantId()).map(Merchant::name).orElse(""));
        model.addAttribute("amount", money(s.amount(), s.currency(), locale));
        model.addAttribute("discount", money(s.amountDiscount(), s.currency(), locale));
        model.addAttribute("total", money(s.amountTotal(), s.currency(), locale));
        List<Line> lines = s.lineItems().stream()
                .map((LineItem i) -> new Line(i.name(), i.quantity(), money(i.total(), s.currency(), locale))).toList();
        model.addAttribute("lines", lines);
        model.addAttribute("successUrl", s.successUrl().replace(NewCheckoutSession.SESSION_ID_PLACEHOLDER, s.id()));
        model.addAttribute("cancelUrl", s.cancelUrl());
        model.addAttribute("openMethod", s.allowedMethods().getFirst());
    }

    /** A payer-facing sentence for a refusal code: the bundle's {@code checkout.error.<code>}, else a general one. */
    String refusal(String code, Locale locale) {
        String key = "checkout.error." + (code == null ? "generic" : code);
        return messages.getMessage(key, null, messages.getMessage("checkout.error.generic", null, locale), locale);
    }

    /** Minor units as the payer reads them: ¥128.00 in Chinese, CN¥128.00 in English. */
    static String money(long minor, String currency, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale.getLanguage().equals("zh") ? Locale.CHINA : Locale.US);
        format.setCurrency(Currency.getInstance(currency));
        int digits = Currencies.minorUnits(currency);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(minor, digits));
    }
}
