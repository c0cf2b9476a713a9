package io.huitong.protocols.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 as the statement readers read it, and the line numbers they report. */
class CsvReaderTest {

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new StringReader(text))) {
            for (List<String> r; (r = csv.read()) != null; ) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineEnds() {
        assertThat(records("\uFEFFa,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",,x\nlast"))
                .containsExactly(List.of("a", "b,c", "say \"hi\""), List.of("two\r\nlines", "", "x"), List.of("last"));
        try (CsvReader csv = new CsvReader(new StringReader("a\r\n\"b\nc\"\r\nd\r\n"))) {
            csv.read();
            csv.read();
            assertThat(csv.line()).isEqualTo(2);
            csv.read();
            assertThat(csv.line()).as("the quoted line end counts").isEqualTo(4);
        }
    }

    @Test
    void whatTheRfcDoesNotAllowIsRefusedWithItsLine() {
        assertThatThrownBy(() -> records("a\r\nb\"c\r\n")).hasMessage("line 2: a quote inside unquoted field 1");
        assertThatThrownBy(() -> records("a,\"b\"c\r\n")).hasMessage("line 1: text after the closing quote of field 2");
        assertThatThrownBy(() -> records("a\r\n\"open")).hasMessage("line 2: a quoted field that the file ends in (truncated file)");
        assertThatThrownBy(() -> records("a\rb\r\n")).hasMessage("line 1: a carriage return not followed by a line feed");
        assertThatThrownBy(() -> records("x".repeat(CsvReader.MAX_RECORD_CHARS + 1))).hasMessageContaining("longer than");
    }

    @Test
    void writtenFieldsAreQuotedOnlyWhenTheyNeedIt() {
        assertThat(CsvWriter.quote("plain")).isEqualTo("plain");
        assertThat(CsvWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.quote(" padded")).isEqualTo("\" padded\"");
        assertThat(CsvWriter.quote(null)).isEmpty();
    }
}
