package io.huitong.protocols.iso20022;

/** A message that is not the well-formed ISO 20022 document expected; the text says what is wrong, never an account. */
public final class Iso20022FormatException extends RuntimeException {

    public Iso20022FormatException(String message) {
        super(message);
    }

    public Iso20022FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
