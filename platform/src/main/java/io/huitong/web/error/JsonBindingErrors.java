package io.huitong.web.error;

import io.huitong.kernel.ApiException;
import io.huitong.payments.PaymentRefused;
import io.huitong.kernel.ErrorType;
import java.util.Collection;
import java.util.Map;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a body that could not be bound into the contract's error: not JSON at all is {@code invalid_json};
 * a field we don't know is {@code parameter_unknown}; a field of the wrong type is {@code parameter_invalid}.
 * Messages are ours, never Jackson's, which can quote the offending input (a card number, say).
 */
final class JsonBindingErrors {

    private JsonBindingErrors() {
    }

    static ApiException from(HttpMessageNotReadableException e) {
        ApiException own = find(e, ApiException.class);
        if (own != null) {
            return own;
        }
        PaymentRefused refused = find(e, PaymentRefused.class);
        if (refused != null) {
            return PaymentRefusals.toApi(refused.refusal());
        }
        JacksonException jackson = find(e, JacksonException.class);
        if (jackson == null) {
            return invalidJson("A JSON request body is required.");
        }
        String param = path(jackson);
        if (jackson instanceof InputCoercionException && !param.isEmpty()) {
            // valid JSON: a number too large for its field
            return ApiException.invalid(param, "Invalid value for " + param + ": the number is out of range.");
        }
        if (jackson instanceof StreamReadException read) {
            return invalidJson(read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate")
                    ? "The request body names a field twice in one object." : "The request body is not valid JSON.");
        }
        if (param.isEmpty()) {
            return invalidJson("The request body must be a JSON object.");
        }
        if (jackson instanceof UnrecognizedPropertyException) {
            return new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "parameter_unknown",
                    "Received unknown parameter: " + param, param);
        }
        String expected = jackson instanceof MismatchedInputException m ? describe(m.getTargetType()) : null;
        return ApiException.invalid(param, expected == null
                ? "Invalid value for " + param + "."
                : "Invalid value for " + param + ": expected " + expected + ".");
    }

    private static ApiException invalidJson(String message) {
        return new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "invalid_json", message, null);
    }

    /** {@code payment_method.card.number}, {@code items[2].amount}: names as they appear in the JSON. */
    private static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class
                || type == short.class || type == Short.class || type == java.math.BigInteger.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type == String.class || type.isEnum()) {
            return type.isEnum() ? "one of the allowed values" : "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
