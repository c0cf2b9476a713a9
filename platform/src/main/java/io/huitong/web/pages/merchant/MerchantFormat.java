package io.huitong.web.pages.merchant;

import io.huitong.web.pages.wallet.Amounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Money, times and rates for the dashboard's templates ({@code ${@merchantFormat.money(amount, currency)}}), in the
 * page's language; times in China's zone, where the platform's business days are.
 */
@Component("merchantFormat")
public class MerchantFormat {

    public String money(long minor, String currency) {
        return currency == null ? Long.toString(minor) : Amounts.format(minor, currency, LocaleContextHolder.getLocale());
    }

    /** The amount as typed in a form: {@code 12.50} (no grouping, no symbol). */
    public String plain(long minor, String currency) {
        int digits = io.huitong.kernel.Currencies.minorUnits(currency);
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    public String time(Instant at) {
        return at == null ? "" : Amounts.time(at, LocaleContextHolder.getLocale());
    }

    public String date(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocaleContextHolder.getLocale()).format(date);
    }

    /** The date in China of an instant, as a form's date field holds it: {@code 2026-12-06}. */
    public String isoDate(Instant at) {
        return at == null ? "" : at.atZone(Amounts.ZONE).toLocalDate().toString();
    }

    /** A rate of 4 decimals ({@code 0.9512}) as a percentage: {@code 95.12%}. */
    public String percent(BigDecimal rate) {
        return rate == null ? "" : rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
