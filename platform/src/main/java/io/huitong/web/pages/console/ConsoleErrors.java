package io.huitong.web.pages.console;

import io.huitong.kernel.ApiException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The services' refusals as an operator reads them: each error code of the API (and, where it says more, the parameter it
 * names) has a message in the console's bundle ({@code console.error.<code>.<param>}, {@code console.error.<code>}), in Chinese
 * and English; a code without one gets the message of its HTTP status, or a general one. The page also names the code and the
 * parameter, as the API does, for whoever looks further.
 */
@Component
class ConsoleErrors {

    private final MessageSource messages;

    ConsoleErrors(MessageSource messages) {
        this.messages = messages;
    }

    /** What went wrong: the message's key, the API's code and parameter, and the page's status. */
    record Problem(String message, String code, String param, HttpStatus status) {
    }

    Problem of(ApiException e) {
        return new Problem(key(e), e.code(), e.param(), status(e.status()));
    }

    String key(ApiException e) {
        Locale locale = LocaleContextHolder.getLocale();
        String code = e.code() == null ? "" : e.code();
        if (e.param() != null && has("console.error." + code + "." + e.param(), locale)) {
            return "console.error." + code + "." + e.param();
        }
        if (has("console.error." + code, locale)) {
            return "console.error." + code;
        }
        if (has("console.error.status." + e.status(), locale)) {
            return "console.error.status." + e.status();
        }
        return e.status() >= 500 ? "console.error.status.500" : "console.error.generic";
    }

    private boolean has(String key, Locale locale) {
        return messages.getMessage(key, null, null, locale) != null;
    }

    /** The page's status: the service's, except that nothing an operator sees is a bare 500 (a service's failure is a 503). */
    static HttpStatus status(int status) {
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null) {
            return status >= 500 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
        }
        return resolved == HttpStatus.INTERNAL_SERVER_ERROR ? HttpStatus.SERVICE_UNAVAILABLE : resolved;
    }
}
