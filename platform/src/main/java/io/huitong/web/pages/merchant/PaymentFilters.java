package io.huitong.web.pages.merchant;

import io.huitong.insights.InvalidQuery;
import io.huitong.insights.PaymentQuery;
import io.huitong.web.pages.wallet.Amounts;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payments page's filters as the form holds them (amounts in major units, dates as days in China) and as insights
 * reads them ({@link PaymentQuery}). A field that cannot be read is an {@link InvalidQuery} naming the form's field.
 */
record PaymentFilters(String status, String method, String amountFrom, String amountTo, String from, String to, String reference,
                      String cardLast4) {

    PaymentFilters {
        status = blank(status);
        method = blank(method);
        amountFrom = blank(amountFrom);
        amountTo = blank(amountTo);
        from = blank(from);
        to = blank(to);
        reference = blank(reference);
        cardLast4 = blank(cardLast4);
    }

    PaymentQuery query(String currency, String after, int limit) {
        LocalDate fromDay = day(from, "from");
        LocalDate toDay = day(to, "to");
        return new PaymentQuery(status, method, amount(amountFrom, currency, "amount_from"), amount(amountTo, currency, "amount_to"),
                fromDay == null ? null : fromDay.atStartOfDay(Amounts.ZONE).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(Amounts.ZONE).toInstant().minusNanos(1000),
                reference, cardLast4, after, limit);
    }

    /** The filters as query parameters, for the next page's link and the export's. */
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "status", status);
        put(p, "method", method);
        put(p, "amount_from", amountFrom);
        put(p, "amount_to", amountTo);
        put(p, "from", from);
        put(p, "to", to);
        put(p, "reference", reference);
        put(p, "card_last4", cardLast4);
        return p;
    }

    private static void put(Map<String, String> p, String name, String value) {
        if (value != null) {
            p.put(name, value);
        }
    }

    private static Long amount(String typed, String currency, String field) {
        if (typed == null) {
            return null;
        }
        if (typed.strip().matches("0+(\\.0*)?")) {
            return 0L;
        }
        try {
            return Amounts.parse(typed, currency);
        } catch (RuntimeException e) {
            throw new InvalidQuery(field, field + " must be an amount such as 50 or 50.00");
        }
    }

    private static LocalDate day(String typed, String field) {
        if (typed == null) {
            return null;
        }
        try {
            return LocalDate.parse(typed);
        } catch (DateTimeParseException e) {
            throw new InvalidQuery(field, field + " must be a date such as 2026-12-31");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
