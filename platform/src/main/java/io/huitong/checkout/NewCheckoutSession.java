package io.huitong.checkout;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A merchant's request for a checkout session ({@code POST /v1/checkout/sessions}); refuses itself with a 400 naming
 * the field. {@code expires_in} is in seconds (5 minutes to 24 hours; default 1 hour); {@code allowed_methods} defaults
 * to every method. Line items, when given, must add up to {@code amount}.
 */
public record NewCheckoutSession(Long amount, String currency, String description, List<LineItem> lineItems, String successUrl,
                                 String cancelUrl, Long expiresIn, List<String> allowedMethods, Map<String, String> metadata) {

    public static final long MAX_AMOUNT = io.huitong.payments.NewPayment.MAX_AMOUNT;
    public static final long DEFAULT_EXPIRES_IN = 3600;
    public static final String SESSION_ID_PLACEHOLDER = "{CHECKOUT_SESSION_ID}";
    static final long MIN_EXPIRES_IN = 300;
    static final long MAX_EXPIRES_IN = 86_400;
    static final int MAX_LINE_ITEMS = 100;
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_DESCRIPTION_LENGTH = 1000;

    public NewCheckoutSession {
        if (amount == null) {
            throw ApiException.missing("amount");
        }
        if (amount <= 0 || amount > MAX_AMOUNT) {
            throw ApiException.invalid("amount", "amount must be a positive integer in minor units, at most " + MAX_AMOUNT);
        }
        currency = Currencies.require(currency, "currency");
        if (description != null && (description.length() > MAX_DESCRIPTION_LENGTH || description.indexOf('\0') >= 0)) {
            throw ApiException.invalid("description", "description must be at most 1000 characters, without NUL");
        }
        lineItems = lineItems(lineItems, amount);
        successUrl = url(successUrl, "success_url");
        cancelUrl = url(cancelUrl, "cancel_url");
        if (expiresIn == null) {
            expiresIn = DEFAULT_EXPIRES_IN;
        } else if (expiresIn < MIN_EXPIRES_IN || expiresIn > MAX_EXPIRES_IN) {
            throw ApiException.invalid("expires_in", "expires_in must be 300 to 86400 seconds");
        }
        allowedMethods = methods(allowedMethods, currency);
        metadata = metadata(metadata);
    }

    private static List<LineItem> lineItems(List<LineItem> items, long amount) {
        if (items == null) {
            return List.of();
        }
        if (items.size() > MAX_LINE_ITEMS) {
            throw ApiException.invalid("line_items", "line_items may have at most " + MAX_LINE_ITEMS + " lines");
        }
        long sum = 0;
        for (LineItem item : items) {
            if (item == null) {
                throw ApiException.invalid("line_items", "line_items must be objects {name, quantity, amount}");
            }
            try {
                sum = Math.addExact(sum, item.total());
            } catch (ArithmeticException e) {
                sum = Long.MAX_VALUE;
            }
        }
        if (!items.isEmpty() && sum != amount) {
            throw ApiException.invalid("line_items", "line_items add up to " + sum + ", not to amount " + amount);
        }
        return List.copyOf(items);
    }

    static String url(String url, String param) {
        if (url == null || url.isBlank()) {
            throw ApiException.missing(param);
        }
        if (url.length() > MAX_URL_LENGTH || Texts.hasControl(url)) {
            throw ApiException.invalid(param, param + " must be an http or https URL of at most 2048 characters");
        }
        try {
            // {CHECKOUT_SESSION_ID} is replaced by the session's id when the payer goes back
            URI uri = new URI(url.strip().replace(SESSION_ID_PLACEHOLDER, "cs"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw ApiException.invalid(param, param + " must be an absolute http or https URL");
            }
            return url.strip();
        } catch (URISyntaxException e) {
            throw ApiException.invalid(param, param + " must be an absolute http or https URL");
        }
    }

    private static List<String> methods(List<String> methods, String currency) {
        if (methods == null) {
            return PaymentMethods.ALL.stream().filter(m -> PaymentMethods.takes(m, currency)).toList();
        }
        if (methods.isEmpty()) {
            throw ApiException.invalid("allowed_methods", "allowed_methods must name at least one method");
        }
        LinkedHashSet<String> allowed = new LinkedHashSet<>();
        for (String method : methods) {
            if (method == null || !PaymentMethods.ALL.contains(method)) {
                throw ApiException.invalid("allowed_methods", "allowed_methods must list " + String.join(", ", PaymentMethods.ALL));
            }
            if (!PaymentMethods.takes(method, currency)) {
                throw ApiException.invalid("allowed_methods", method + " takes CNY only");
            }
            allowed.add(method);
        }
        return List.copyOf(new ArrayList<>(allowed));
    }

    static Map<String, String> metadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > 50) {
            throw ApiException.invalid("metadata", "metadata may have at most 50 keys");
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > 40 || Texts.hasControl(e.getKey())) {
                throw ApiException.invalid("metadata", "metadata keys must be 1 to 40 characters without control characters");
            }
            if (e.getValue() == null) {
                throw ApiException.invalid("metadata." + e.getKey(), "metadata values must be strings");
            }
            if (e.getValue().length() > 500 || e.getValue().indexOf('\0') >= 0) {
                throw ApiException.invalid("metadata." + e.getKey(), "metadata values must be at most 500 characters, without NUL");
            }
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
