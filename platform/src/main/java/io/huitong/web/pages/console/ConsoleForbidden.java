package io.huitong.web.pages.console;

/** A console page the operator's roles do not open, as the API's endpoint would refuse them: the console's 403 page. */
final class ConsoleForbidden extends RuntimeException {

    ConsoleForbidden() {
        super("forbidden", null, false, false);
    }
}
