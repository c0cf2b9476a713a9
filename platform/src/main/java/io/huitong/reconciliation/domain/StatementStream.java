package io.huitong.reconciliation.domain;

/**
 * A statement read one line at a time in constant memory, in any channel's format. Refusals are
 * {@link io.huitong.protocols.statements.StatementFormatException}s naming the line.
 */
public interface StatementStream extends AutoCloseable {

    /** What the file says about itself as far as it has been read: the header's facts on opening, the rest at the end. */
    StatementFacts facts();

    /** The next line, or null once the statement's summary was read and agrees with its lines. */
    StatementLine next();

    @Override
    void close();
}
