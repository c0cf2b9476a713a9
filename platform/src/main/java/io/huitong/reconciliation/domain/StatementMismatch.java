package io.huitong.reconciliation.domain;

/**
 * A well-formed statement that is not the one asked for: another channel's, or another date's. Names the line that
 * says so (0: the document as a whole).
 */
public final class StatementMismatch extends RuntimeException {

    private final long line;

    public StatementMismatch(long line, String problem) {
        super(line > 0 ? "line " + line + ": " + problem : problem, null, false, false);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
