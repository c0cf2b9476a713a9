package io.huitong.web.pages.wallet;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Money and time as the payer types and reads them. An amount is typed in the currency's major unit ({@code 50},
 * {@code 50.5}, {@code 1,050.00}) and becomes an integer of minor units, exactly: never a floating-point number. Times
 * are shown in China's zone, where the wallet's classes count their years. The merchant dashboard reads and shows money
 * the same way.
 */
public final class Amounts {

    public static final String CURRENCY = "CNY";
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Pattern TYPED = Pattern.compile("[0-9]{1,12}(\\.[0-9]{0,4})?");

    private Amounts() {
    }

    /** The typed amount in minor units of {@code currency}: a 400 on {@code amount} unless it is a positive amount. */
    public static long parse(String typed, String currency) {
        if (typed == null || typed.isBlank()) {
            throw ApiException.missing("amount");
        }
        String plain = typed.strip().replace(",", "").replace("¥", "").replace("￥", "").strip();
        if (!TYPED.matcher(plain).matches()) {
            throw ApiException.invalid("amount", "amount must be a number such as 50 or 50.00");
        }
        BigDecimal major = new BigDecimal(plain.endsWith(".") ? plain.substring(0, plain.length() - 1) : plain);
        int digits = Currencies.minorUnits(currency);
        if (major.scale() > digits && major.stripTrailingZeros().scale() > digits) {
            throw ApiException.invalid("amount", "amount has more decimals than the currency");
        }
        BigDecimal minor = major.movePointRight(digits);
        if (minor.signum() <= 0) {
            throw ApiException.invalid("amount", "amount must be positive");
        }
        if (minor.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
            throw new ApiException(400, io.huitong.kernel.ErrorType.INVALID_REQUEST_ERROR, "amount_too_large", "amount is too large", "amount");
        }
        return minor.longValueExact();
    }

    /** {@code ¥1,234.50} (Chinese) or {@code CN¥1,234.50} (English); negative amounts with a minus sign. */
    public static String format(long minor, String currency, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale.getLanguage().equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.US);
        Currency unit = Currency.getInstance(currency);
        format.setCurrency(unit);
        int digits = Currencies.minorUnits(currency);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(minor, digits));
    }

    /** A moment as a date and time in China, in the payer's language. */
    public static String time(Instant at, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(ZONE).format(at);
    }
}
