package io.huitong.protocols.statements;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 record reader: fields separated by commas, optionally enclosed in double quotes (a quote
 * inside is written twice), records ended by CRLF or LF. It keeps one record in memory, and refuses what the
 * RFC does not allow (a quote inside an unquoted field, text after a closing quote, a quoted field the file
 * ends in) with the line it happened on. A leading UTF-8 byte order mark is skipped: spreadsheets write one.
 */
final class CsvReader implements AutoCloseable {

    /** A record longer than this is refused: a file without line ends must not exhaust memory. */
    static final int MAX_RECORD_CHARS = 64 * 1024;

    private final Reader in;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private boolean started;
    private final StringBuilder field = new StringBuilder(64);

    CsvReader(Reader in) {
        this.in = in;
    }

    /** The line the last record returned by {@link #read()} started on. */
    long line() {
        return recordLine;
    }

    /** The line a record read now would start on: one past the last one at the end of the file. */
    long nextLine() {
        return line;
    }

    /** The next record's fields, or null at the end of the file. */
    List<String> read() {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                position++;
            }
        }
        if (peek() < 0) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>(16);
        int chars = 0;
        while (true) {
            field.setLength(0);
            int c = peek();
            if (c == '"') {
                position++;
                chars += quoted();
                c = peek();
                if (c >= 0 && c != ',' && c != '\r' && c != '\n') {
                    throw new StatementFormatException(line, "text after the closing quote of field " + (fields.size() + 1));
                }
            } else {
                while ((c = peek()) >= 0 && c != ',' && c != '\r' && c != '\n') {
                    if (c == '"') {
                        throw new StatementFormatException(line, "a quote inside unquoted field " + (fields.size() + 1));
                    }
                    field.append((char) c);
                    position++;
                    chars++;
                    tooLong(chars);
                }
            }
            fields.add(field.toString());
            c = peek();
            position++;
            if (c == ',') {
                chars++;
                tooLong(chars);
                continue;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    position++;
                } else {
                    throw new StatementFormatException(line, "a carriage return not followed by a line feed");
                }
            }
            if (c >= 0) {
                line++;
            }
            return fields;
        }
    }

    /** Reads a quoted field's content up to and including its closing quote. */
    private int quoted() {
        long startLine = line;
        int chars = 0;
        while (true) {
            int c = peek();
            if (c < 0) {
                throw new StatementFormatException(startLine, "a quoted field that the file ends in (truncated file)");
            }
            position++;
            if (c == '"') {
                if (peek() == '"') {
                    position++;
                } else {
                    return chars;
                }
            } else if (c == '\n') {
                line++;
            }
            field.append((char) c);
            tooLong(++chars);
        }
    }

    private void tooLong(int chars) {
        if (chars > MAX_RECORD_CHARS) {
            throw new StatementFormatException(recordLine, "a record longer than " + MAX_RECORD_CHARS + " characters");
        }
    }

    private int peek() {
        if (position >= limit) {
            try {
                limit = in.read(buffer, 0, buffer.length);
            } catch (IOException e) {
                throw new UncheckedIOException("the statement could not be read at line " + line, e);
            }
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position];
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
