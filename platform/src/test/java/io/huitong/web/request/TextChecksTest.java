package io.huitong.web.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextChecksTest {

    private static boolean refused(String json) {
        return TextChecks.refusedJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainTextAndSurrogatePairsPass() {
        assertThat(refused("{\"a\":\"tea\",\"b\":[1,2,{\"c\":null}]}")).isFalse();
        assertThat(refused("{\"a\":\"茶 \\ud83c\\udf75 \\u00e9\"}")).isFalse();
        assertThat(refused("{\"a\":\"\uD83C\uDF75\"}")).as("a pair as UTF-8 bytes").isFalse();
    }

    @Test
    void anEscapedBackslashBeforeU0000IsText() {
        assertThat(refused("{\"a\":\"c:\\\\u0000\"}")).isFalse();
        assertThat(refused("{\"a\":\"\\\\\\u0000\"}")).as("an escaped backslash, then an escaped NUL").isTrue();
        assertThat(refused("{\"a\":\"say \\\"\\u0000\\\"\"}")).as("after an escaped quote, still inside the string").isTrue();
    }

    @Test
    void nulIsRefusedEscapedOrRaw() {
        assertThat(refused("{\"a\":\"x\\u0000\"}")).isTrue();
        assertThat(refused("{\"a\\u0000\":\"x\"}")).as("in a key").isTrue();
        assertThat(refused("{\"a\":\"x\u0000\"}")).isTrue();
    }

    @Test
    void halfASurrogatePairIsRefused() {
        assertThat(refused("{\"a\":\"\\ud800\"}")).isTrue();
        assertThat(refused("{\"a\":\"\\ud800x\"}")).isTrue();
        assertThat(refused("{\"a\":\"\\ud800\\u0041\"}")).isTrue();
        assertThat(refused("{\"a\":\"\\udc00\"}")).isTrue();
        assertThat(refused("{\"a\":\"\\uDBFF\\uDFFF\"}")).isFalse();
        byte[] encodedSurrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'};
        assertThat(TextChecks.refusedJson(encodedSurrogate)).as("a surrogate encoded as UTF-8").isTrue();
    }

    @Test
    void theRefusedFieldIsNamedAsTheApiNamesParameters() {
        assertThat(field("{\"base\":\"US\\u0000\",\"quote\":\"CNY\"}")).isEqualTo("base");
        assertThat(field("{\"a\":1,\"payment_method\":{\"card\":{\"number\":\"4\\ud800\"}}}")).isEqualTo("payment_method.card.number");
        assertThat(field("{\"items\":[{\"name\":\"ok\"},{\"name\":\"x\\u0000\"}]}")).isEqualTo("items[1].name");
        assertThat(field("{\"holidays\":[\"2032-10-01\",\"x\\u0000\"]}")).as("a string in a list: the list").isEqualTo("holidays");
        assertThat(field("{\"metadata\":{\"k\\u0000\":\"v\"}}")).as("a key: the object holding it").isEqualTo("metadata");
        assertThat(field("{\"a\":\"x\u0000\"}")).as("a raw NUL is not JSON a parser reads").isNull();
    }

    private static String field(String json) {
        return TextChecks.refusedField(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void queryStringsThatAreNoPercentEncodedUtf8AreRefused() {
        assertThat(TextChecks.malformedQuery("actor=%ff")).isTrue();
        assertThat(TextChecks.malformedQuery("a=%e4%b8")).as("a cut multi-byte character").isTrue();
        assertThat(TextChecks.malformedQuery("a=%zz")).isTrue();
        assertThat(TextChecks.malformedQuery("a=100%")).isTrue();
        assertThat(TextChecks.malformedQuery("a=%E6%B1%87%E9%80%9A&b=1+2&c=%2500")).isFalse();
        assertThat(TextChecks.malformedQuery("name=汇通")).isFalse();
    }

    @Test
    void queryStringsRefuseAnEncodedNul() {
        assertThat(TextChecks.refusedQuery("a=1&b=%00")).isTrue();
        assertThat(TextChecks.refusedQuery("a=%2500")).as("an encoded percent sign, then 00").isFalse();
        assertThat(TextChecks.refusedQuery("a=%20b&c=100%")).isFalse();
    }
}
