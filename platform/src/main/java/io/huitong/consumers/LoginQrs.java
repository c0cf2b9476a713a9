package io.huitong.consumers;

/**
 * QR login: a web page creates a login QR and shows it; the consumer's phone, logged in, scans it and
 * approves it; the page, polling with the poll token only it holds, receives a session for that consumer
 * once. A QR expires two minutes after it was created.
 */
public interface LoginQrs {

    /** A new pending login QR with its {@code qr_payload} (for the phone) and {@code poll_token} (for the page). */
    LoginQr create();

    /**
     * Where the QR stands, for the page that created it (a wrong poll token is a 404, as for an unknown id).
     * The first poll after the approval answers {@code approved} with the session; later ones {@code consumed}.
     */
    LoginQr poll(String id, String pollToken, String clientAddress);

    /**
     * The logged-in consumer approves the QR with the nonce from its payload (400 {@code parameter_invalid}
     * on {@code nonce} when it is wrong); an expired QR is a 409 {@code login_qr_expired}, one already
     * approved a 409 {@code login_qr_used}.
     */
    LoginQr approve(String id, String nonce, String userId);
}
