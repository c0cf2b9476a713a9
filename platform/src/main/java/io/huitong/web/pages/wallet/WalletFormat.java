package io.huitong.web.pages.wallet;

import java.time.Instant;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Money and times for the wallet's templates ({@code ${@walletFormat.money(amount, currency)}}), in the page's language. */
@Component("walletFormat")
public class WalletFormat {

    public String money(long minor, String currency) {
        return Amounts.format(minor, currency, LocaleContextHolder.getLocale());
    }

    public String time(Instant at) {
        return at == null ? "" : Amounts.time(at, LocaleContextHolder.getLocale());
    }

    /** An 18-digit payment code in groups of four, as the payer reads it out: {@code 1234 5678 ...}. */
    public String grouped(String digits) {
        return digits == null ? "" : digits.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
