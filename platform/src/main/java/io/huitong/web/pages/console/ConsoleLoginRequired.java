package io.huitong.web.pages.console;

/** A console page asked for without a live operator session: the operator logs in first ({@link ConsolePageAdvice}). */
final class ConsoleLoginRequired extends RuntimeException {

    ConsoleLoginRequired() {
        super("login required", null, false, false);
    }
}
