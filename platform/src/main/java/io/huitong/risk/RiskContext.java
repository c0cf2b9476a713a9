package io.huitong.risk;

import io.huitong.kernel.ApiException;
import java.net.InetAddress;
import java.util.Locale;

/**
 * What a request tells about the payer beyond the card, customer or wallet ({@code risk_context}): the payer's
 * IP address, device, declared country, position and browser. Every field is optional; a present one that is
 * malformed refuses the request with a 400 naming it ({@code risk_context.ip}, ...).
 */
public record RiskContext(String ip, String deviceId, String country, Double latitude, Double longitude, String userAgent) {

    public static final RiskContext EMPTY = new RiskContext(null, null, null, null, null, null);
    static final int MAX_DEVICE_ID = 128;
    static final int MAX_USER_AGENT = 512;

    public RiskContext {
        if (ip != null) {
            ip = ip.strip();
            if (!validIp(ip)) {
                throw ApiException.invalid("risk_context.ip", "risk_context.ip must be an IPv4 or IPv6 address");
            }
        }
        if (deviceId != null && (deviceId.isBlank() || deviceId.length() > MAX_DEVICE_ID)) {
            throw ApiException.invalid("risk_context.device_id", "risk_context.device_id must be 1 to 128 characters");
        }
        if (country != null) {
            if (!country.matches("[A-Za-z]{2}")) {
                throw ApiException.invalid("risk_context.country", "risk_context.country must be an ISO 3166-1 alpha-2 code such as CN");
            }
            country = country.toUpperCase(Locale.ROOT);
        }
        if (latitude != null && (latitude.isNaN() || latitude < -90 || latitude > 90)) {
            throw ApiException.invalid("risk_context.latitude", "risk_context.latitude must be between -90 and 90");
        }
        if (longitude != null && (longitude.isNaN() || longitude < -180 || longitude > 180)) {
            throw ApiException.invalid("risk_context.longitude", "risk_context.longitude must be between -180 and 180");
        }
        if ((latitude == null) != (longitude == null)) {
            throw ApiException.invalid(latitude == null ? "risk_context.latitude" : "risk_context.longitude",
                    "risk_context.latitude and risk_context.longitude go together");
        }
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            throw ApiException.invalid("risk_context.user_agent", "risk_context.user_agent must be at most 512 characters");
        }
    }

    /**
     * This context for a consumer's own request (the payer itself): the request's own address when it is a public
     * one (a payer cannot talk it away), else the context's; the context's device, else the one the request names.
     */
    public RiskContext orOwn(String ownIp, String ownDevice) {
        String address = ownIp != null && validIp(ownIp) && io.huitong.risk.domain.Places.isPublic(ownIp) ? ownIp : null;
        String device = ownDevice != null && !ownDevice.isBlank() && ownDevice.length() <= MAX_DEVICE_ID ? ownDevice : null;
        return new RiskContext(address != null ? address : ip, deviceId != null ? deviceId : device, country, latitude, longitude, userAgent);
    }

    public static RiskContext orEmpty(RiskContext context) {
        return context == null ? EMPTY : context;
    }

    /** A literal address only: never a host name, so validation never looks anything up. */
    static boolean validIp(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return false;
        }
        if (text.matches("[0-9.]+")) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            com.google.common.net.InetAddresses.forString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RiskContext[ip=" + ip + ", device=" + deviceId + ", country=" + country + "]";
    }
}
