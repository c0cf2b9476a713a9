package io.huitong.web.pages.console;

import io.huitong.kernel.Currencies;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Money, times and rates for the console's templates ({@code ${@consoleFormat.money(amount, currency)}}), in the page's
 * language. Times are shown in China's zone (Asia/Shanghai), where business dates are counted.
 */
@Component("consoleFormat")
public class ConsoleFormat {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** {@code ¥1,234.50} or {@code CN¥1,234.50}; an unknown currency code as {@code 1234.50 XYZ}. */
    public String money(Long minor, String currency) {
        if (minor == null) {
            return "—";
        }
        int digits;
        try {
            digits = Currencies.minorUnits(currency);
        } catch (RuntimeException e) {
            return minor + " " + currency;
        }
        Locale locale = LocaleContextHolder.getLocale();
        NumberFormat format = NumberFormat.getCurrencyInstance("zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.US);
        try {
            format.setCurrency(Currency.getInstance(currency));
        } catch (RuntimeException e) {
            return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
        }
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(minor, digits));
    }

    public String money(long minor, String currency) {
        return money(Long.valueOf(minor), currency);
    }

    public String time(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).withZone(ZONE).format(at);
    }

    /** The machine-readable moment for a {@code <time datetime>}. */
    public String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    public String date(LocalDate day) {
        return day == null ? "" : day.toString();
    }

    /** A share as a percentage with two decimals: {@code 99.95 %}; a dash when unknown. */
    public String percent(Double share) {
        return share == null ? "—" : String.format(Locale.ROOT, "%.2f %%", share * 100);
    }

    public String millis(Double ms) {
        return ms == null ? "—" : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    /** Today's business date in China. */
    public LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
