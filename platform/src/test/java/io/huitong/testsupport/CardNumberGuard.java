package io.huitong.testsupport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Card numbers never reach a log. Every event logged while the tests run (message, arguments, exception messages down
 * the causes) is searched for a Luhn-valid run of 13 to 19 digits; the test class during or before which one was logged
 * (a context closing between classes logs in between) fails, naming the logger. Installed in every test as an extension (META-INF/services) and on every log event as an appender
 * ({@code logback-test.xml}).
 */
public final class CardNumberGuard extends AppenderBase<ILoggingEvent> implements AfterAllCallback {

    /**
     * 13 to 19 digits standing on their own (not part of an id such as {@code pob_8402209171514...}, nor the random
     * suffix of a temporary file's name such as {@code junit-5206034939542748535}), together or in groups of four split by
     * spaces or dashes as cards print them.
     */
    private static final Pattern DIGIT_RUN = Pattern.compile(
            "(?<![A-Za-z0-9_])(?<![A-Za-z]-)(?:[0-9]{13,19}|[0-9]{4}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{1,7})(?![A-Za-z0-9])");
    private static final List<String> FOUND = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append('\n').append(t.getMessage());
        }
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            String digits = m.group().replace(" ", "").replace("-", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                synchronized (FOUND) {
                    FOUND.add(event.getLoggerName() + ": a Luhn-valid number of " + digits.length() + " digits, ending "
                            + digits.substring(digits.length() - 4));
                }
            }
        }
    }

    /** Whether the digits pass the Luhn check, as every card number does. */
    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** What was found since the last call, which forgets it. */
    static List<String> takeFound() {
        synchronized (FOUND) {
            List<String> found = List.copyOf(FOUND);
            FOUND.clear();
            return found;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> found = takeFound();
        if (!found.isEmpty()) {
            throw new AssertionError("card numbers were logged while " + context.getDisplayName() + " ran:\n  " + String.join("\n  ", found));
        }
    }
}
