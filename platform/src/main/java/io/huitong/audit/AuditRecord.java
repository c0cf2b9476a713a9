package io.huitong.audit;

import java.util.Map;

/**
 * What happened, to be put on the audit chain: who ({@code actor}: an operator id, {@code mer_...}, {@code usr_...}
 * or {@code system}), what ({@code action}, such as {@code POST /v1/admin/merchants/{id}/bank_account}), to which
 * object, from which address, under which request, and the change itself ({@code detail}: before and after, never a
 * secret; at most {@value #MAX_DETAIL} characters of JSON, longer ones are cut and say so).
 */
public record AuditRecord(String actor, String action, String objectType, String objectId, String ip, String requestId,
                          Map<String, Object> detail) {

    /** The longest JSON text of {@link #detail} kept whole. */
    public static final int MAX_DETAIL = 16_000;

    public AuditRecord {
        actor = clip(require(actor, "actor"), 64);
        action = clip(require(action, "action"), 160);
        objectType = clip(objectType, 64);
        objectId = clip(objectId, 128);
        ip = clip(ip, 64);
        requestId = clip(requestId, 64);
        detail = detail == null ? Map.of() : detail;
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
