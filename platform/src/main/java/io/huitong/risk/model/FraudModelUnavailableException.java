package io.huitong.risk.model;

/** The fraud model could not be loaded at start: a configured file is missing, has no metadata, or is not a model. */
public class FraudModelUnavailableException extends IllegalStateException {

    public FraudModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
