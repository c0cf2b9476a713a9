package io.huitong.protocols.iso8583;

/**
 * E-commerce indicators (field 60). The acquirer asks for step-up authentication (response code
 * {@code 1A}) on cards that need it unless the request says the payer was authenticated.
 */
public final class Eci {

    /** The payer passed step-up authentication (3-D Secure). */
    public static final String AUTHENTICATED = "05";
    /** Card-not-present without payer authentication. */
    public static final String NOT_AUTHENTICATED = "07";

    private Eci() {
    }
}
