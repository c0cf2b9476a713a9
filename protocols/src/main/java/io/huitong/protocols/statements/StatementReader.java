package io.huitong.protocols.statements;

/**
 * A statement read one line (or entry) at a time, in constant memory whatever the file's size. The file's
 * header is checked when the reader opens, its summary when {@link #next()} reaches it: a reader that returned
 * null has checked that the summary agrees with every line it gave, and that nothing follows it.
 *
 * @param <L> one line of the statement
 */
public interface StatementReader<L> extends AutoCloseable {

    /**
     * The next line, or null once the summary was read and agrees with the lines.
     *
     * @throws StatementFormatException naming the line, when the file is malformed, truncated or its summary disagrees
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    L next();

    /** Closes the underlying stream. */
    @Override
    void close();
}
