package io.huitong.protocols.walletpay;

import io.huitong.protocols.keys.Keys;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The wallet operator's open-platform gateway: names, codes and the RSA2 signing rules (see the package documentation). */
public final class WalletPay {

    /** The gateway, under the operator's base URL. */
    public static final String GATEWAY_PATH = "/walletpay/gateway.do";

    public static final String PRECREATE = "trade.precreate";
    public static final String QUERY = "trade.query";
    public static final String CLOSE = "trade.close";
    public static final String REFUND = "trade.refund";
    public static final String REFUND_QUERY = "trade.fastpay.refund.query";
    /** Asks where the day's bill can be downloaded; the answer's {@code bill_download_url} serves it once for a while. */
    public static final String BILL_DOWNLOAD = "data.bill.downloadurl.query";
    /** Where bill downloads are served, under the operator's base URL. */
    public static final String BILLS_PATH = "/walletpay/bills/";

    public static final String CHARSET = "utf-8";
    public static final String SIGN_TYPE = "RSA2";
    public static final String VERSION = "1.0";
    /** The gateway's {@code timestamp} format, in China Standard Time. */
    public static final String TIMESTAMP_PATTERN = "yyyy-MM-dd HH:mm:ss";

    public static final String CODE_SUCCESS = "10000";
    /** The service failed; nothing was done: safe to try again or elsewhere. */
    public static final String CODE_UNAVAILABLE = "20000";
    public static final String CODE_MISSING_PARAMETER = "40001";
    /** Bad parameters or a bad signature ({@code isv.invalid-signature}, {@code isv.invalid-app-id}). */
    public static final String CODE_INVALID_PARAMETER = "40002";
    /** A business refusal; {@code sub_code} says which. */
    public static final String CODE_BUSINESS_FAILED = "40004";

    public static final String SUB_INVALID_SIGNATURE = "isv.invalid-signature";
    public static final String SUB_INVALID_APP_ID = "isv.invalid-app-id";
    public static final String SUB_UNKNOWN_ERROR = "isp.unknown-error";
    public static final String SUB_TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST";
    public static final String SUB_TRADE_HAS_SUCCESS = "ACQ.TRADE_HAS_SUCCESS";
    public static final String SUB_TRADE_HAS_CLOSE = "ACQ.TRADE_HAS_CLOSE";
    public static final String SUB_REFUND_AMT_NOT_EQUAL_TOTAL = "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL";
    public static final String SUB_TRADE_STATUS_ERROR = "ACQ.TRADE_STATUS_ERROR";
    public static final String SUB_INVALID_PARAMETER = "ACQ.INVALID_PARAMETER";

    public static final String WAIT_BUYER_PAY = "WAIT_BUYER_PAY";
    public static final String TRADE_SUCCESS = "TRADE_SUCCESS";
    public static final String TRADE_CLOSED = "TRADE_CLOSED";
    /** A refund query's {@code refund_status} once the money went back. */
    public static final String REFUND_SUCCESS = "REFUND_SUCCESS";

    /** What the merchant answers a notification with to stop the operator's retries. */
    public static final String NOTIFY_ACK = "success";

    private WalletPay() {
    }

    /** The response object's name for a method: {@code trade.precreate} → {@code trade_precreate_response}. */
    public static String responseKey(String method) {
        return method.replace('.', '_') + "_response";
    }

    /**
     * The signing string of a request or notification: every parameter but {@code sign} and {@code sign_type},
     * with a non-empty value, sorted by name, as {@code name=value} joined by {@code &}; values as they are,
     * not URL-encoded.
     */
    public static String signingString(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && !e.getKey().equals("sign_type"))
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** SHA256withRSA over {@code content}, base64. */
    public static String sign(PrivateKey key, String content) {
        return Keys.sign(signature(), key, content);
    }

    public static boolean verify(PublicKey key, String content, String sign) {
        return Keys.verify(signature(), key, content, sign);
    }

    /** Signs parameters in place: adds {@code sign} over {@link #signingString}. */
    public static Map<String, String> signed(PrivateKey key, Map<String, String> params) {
        params.put("sign", sign(key, signingString(params)));
        return params;
    }

    public static boolean verifyParams(PublicKey key, Map<String, String> params) {
        return verify(key, signingString(params), params.get("sign"));
    }

    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey privateKey(String text) {
        return Keys.privateKey(rsa(), text);
    }

    public static PublicKey publicKey(String text) {
        return Keys.publicKey(rsa(), text);
    }

    /** Minor units (fen) to the gateway's yuan string: 1234 → {@code "12.34"}, exactly. */
    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** The gateway's yuan string to minor units: {@code "12.34"} → 1234; throws when it has more than two decimals. */
    public static long fen(String yuan) {
        return new BigDecimal(yuan.trim()).movePointRight(2).longValueExact();
    }

    /** {@code a=1&b=2}, URL-encoded (UTF-8). */
    public static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A form body's parameters, in order; a name given twice keeps its first value. */
    public static Map<String, String> parseForm(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /**
     * The exact text of the JSON object named {@code key} at the top level of {@code json}: what a response's
     * {@code sign} signs. Null when there is none.
     */
    public static String objectText(String json, String key) {
        String needle = "\"" + key + "\"";
        int at = json.indexOf(needle);
        if (at < 0) {
            return null;
        }
        int i = at + needle.length();
        while (i < json.length() && (Character.isWhitespace(json.charAt(i)) || json.charAt(i) == ':')) {
            i++;
        }
        if (i >= json.length() || json.charAt(i) != '{') {
            return null;
        }
        int start = i;
        int depth = 0;
        boolean inString = false;
        for (; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return json.substring(start, i + 1);
            }
        }
        return null;
    }

    private static Signature signature() {
        try {
            return Signature.getInstance("SHA256withRSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyFactory rsa() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
