package io.huitong.web.pages.merchant;

import io.huitong.kernel.ApiException;
import io.huitong.payments.PaymentRefused;
import io.huitong.web.error.PaymentRefusals;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The services' refusals as a merchant's staff read them: each error code of the API (and, where it says more, the
 * parameter it names) has a message in the dashboard's bundle ({@code merchant.error.<code>.<param>},
 * {@code merchant.error.<code>}), in Chinese and English; a code without one gets the message of its HTTP status, or a
 * general one that repeats the service's own (English) sentence.
 */
@Component
class MerchantErrors {

    private final MessageSource messages;

    MerchantErrors(MessageSource messages) {
        this.messages = messages;
    }

    /** What went wrong, for a form: the message's key, the field it is about (or null), the status, the service's words. */
    record Problem(String message, String field, HttpStatus status, String detail) {
    }

    Problem of(RuntimeException e) {
        ApiException api = e instanceof PaymentRefused refused ? PaymentRefusals.toApi(refused.refusal()) : (ApiException) e;
        return new Problem(key(api), field(api.param()), status(api.status()), api.getMessage());
    }

    /** Puts the problem on the form's model ({@code error}, {@code errorField}, {@code errorDetail}) and answers its status. */
    HttpStatus show(Model model, RuntimeException e) {
        Problem problem = of(e);
        model.addAttribute("error", problem.message());
        model.addAttribute("errorField", problem.field());
        model.addAttribute("errorDetail", problem.message().equals("merchant.error.generic") ? problem.detail() : null);
        return problem.status();
    }

    /** A problem the page itself found (a field it could not read), shown like a service's. */
    static HttpStatus show(Model model, String messageKey, String field) {
        model.addAttribute("error", messageKey);
        model.addAttribute("errorField", field);
        return HttpStatus.BAD_REQUEST;
    }

    String key(ApiException e) {
        Locale locale = LocaleContextHolder.getLocale();
        String code = e.code() == null ? "" : e.code();
        if (e.param() != null && has("merchant.error." + code + "." + e.param(), locale)) {
            return "merchant.error." + code + "." + e.param();
        }
        if (has("merchant.error." + code, locale)) {
            return "merchant.error." + code;
        }
        if (has("merchant.error.status." + e.status(), locale)) {
            return "merchant.error.status." + e.status();
        }
        return e.status() >= 500 ? "merchant.error.status.500" : "merchant.error.generic";
    }

    private boolean has(String key, Locale locale) {
        return messages.getMessage(key, null, null, locale) != null;
    }

    /** The form field a parameter of the API is: the forms name their fields as the API does, dots aside. */
    static String field(String param) {
        return param == null ? null : param.replace('.', '_');
    }

    /** The page's status: the service's, except that nothing a user sees is a bare 500 (a service's failure is a 503). */
    static HttpStatus status(int status) {
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null) {
            return status >= 500 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
        }
        return resolved == HttpStatus.INTERNAL_SERVER_ERROR ? HttpStatus.SERVICE_UNAVAILABLE : resolved;
    }
}
