package io.huitong.insights;

/** A filter or period the caller gave that insights cannot use; {@link #param()} names it as the API does. */
public final class InvalidQuery extends IllegalArgumentException {

    private final String param;

    public InvalidQuery(String param, String message) {
        super(message);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
