package io.huitong.web.request;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Text the platform refuses to take in, whatever field it arrives in: a NUL character (PostgreSQL cannot store one in
 * text, and a C library reading it stops there) and a UTF-16 surrogate that is not half of a pair (no character at all;
 * stored, it would become {@code ?}). A JSON body is checked in one pass over its bytes, in its strings and keys, raw
 * (byte {@code 0x00}, a surrogate encoded as UTF-8) and escaped (backslash-u {@code 0000}, a backslash-u {@code d800}
 * with no low half after it); a query string for {@code %00} (the servlet container decodes the rest to characters,
 * never to a lone surrogate).
 */
final class TextChecks {

    private static final JsonFactory JSON = new JsonFactory();

    static final String MESSAGE = "Text in the request may not contain NUL characters (\\u0000) or unpaired surrogates.";

    private TextChecks() {
    }

    /** Whether the JSON body holds a NUL character or an unpaired surrogate, raw or escaped. */
    static boolean refusedJson(byte[] body) {
        boolean inString = false;
        int i = 0;
        while (i < body.length) {
            int b = body[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b == 0xed && i + 1 < body.length && (body[i + 1] & 0xff) >= 0xa0) {
                // U+D800..U+DFFF encoded as UTF-8: a surrogate on its own, never valid UTF-8
                return true;
            }
            if (b == '"') {
                inString = !inString;
                i++;
            } else if (b == '\\' && inString) {
                if (i + 1 < body.length && body[i + 1] == 'u') {
                    int unit = hex(body, i + 2);
                    if (unit == 0) {
                        return true;
                    }
                    if (unit >= 0xd800 && unit <= 0xdbff) {
                        // a high surrogate must be followed at once by an escaped low one
                        int next = i + 6 + 1 < body.length && body[i + 6] == '\\' && body[i + 7] == 'u' ? hex(body, i + 8) : -1;
                        if (next < 0xdc00 || next > 0xdfff) {
                            return true;
                        }
                        i += 12;
                        continue;
                    }
                    if (unit >= 0xdc00 && unit <= 0xdfff) {
                        return true;
                    }
                    i += 6;
                } else {
                    i += 2;
                }
            } else {
                i++;
            }
        }
        return false;
    }

    /**
     * The field of a refused JSON body that holds the refused text, as the API names parameters
     * ({@code payment_method.card.number}, {@code items[2].name}); null when the body cannot be read far enough to say
     * (a raw NUL or an encoded surrogate is not JSON a parser reads). Only called for a body already refused.
     */
    static String refusedField(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.PROPERTY_NAME || token == JsonToken.VALUE_STRING) && refused(parser.getString())) {
                    // a refused key is named by the object that holds it (the key itself is the refused text), a string in
                    // a list by the list, as the API names a list of dates or codes
                    TokenStreamContext context = parser.streamReadContext();
                    return name(context, token == JsonToken.PROPERTY_NAME || context.inArray());
                }
            }
        } catch (JacksonException unreadable) {
            return null;
        }
        return null;
    }

    private static boolean refused(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String name(TokenStreamContext context, boolean withoutInnermost) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (TokenStreamContext c = withoutInnermost ? context.getParent() : context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                String inner = parts.peek();
                parts.push(inner == null || inner.startsWith("[") ? "[" + c.getCurrentIndex() + "]" : "[" + c.getCurrentIndex() + "].");
            } else if (c.currentName() != null) {
                String inner = parts.peek();
                parts.push(inner == null || inner.startsWith("[") ? c.currentName() : c.currentName() + ".");
            }
        }
        return parts.isEmpty() ? null : String.join("", parts);
    }

    /** Whether a query string, as sent, holds an encoded NUL character ({@code %00}). */
    static boolean refusedQuery(String query) {
        for (int i = query.indexOf('%'); i >= 0 && i + 2 < query.length(); i = query.indexOf('%', i + 1)) {
            if (query.charAt(i + 1) == '0' && query.charAt(i + 2) == '0') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a query string, as sent, is no percent-encoded UTF-8: a {@code %} without two hex digits after it, or
     * bytes that do not decode as UTF-8 ({@code %ff}). The servlet container would fail to read its parameters.
     */
    static boolean malformedQuery(String query) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0 || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return true;
                }
                bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0x7f) {
                bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                bytes.write(c);
            }
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            return false;
        } catch (java.nio.charset.CharacterCodingException e) {
            return true;
        }
    }

    /** The four hex digits at {@code from} as a number; -1 when they are not four hex digits (the parser refuses those). */
    private static int hex(byte[] body, int from) {
        if (from + 4 > body.length) {
            return -1;
        }
        int value = 0;
        for (int k = from; k < from + 4; k++) {
            int digit = Character.digit(body[k], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
