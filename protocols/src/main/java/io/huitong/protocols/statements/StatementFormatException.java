package io.huitong.protocols.statements;

/**
 * A statement file that is not what its layout says: the message names the line (1-based, as an editor
 * shows it) and what is wrong with it, so that an operator can open the file at that line. Line 0 means the
 * file as a whole (it is empty, for example).
 */
public final class StatementFormatException extends RuntimeException {

    private final long line;

    public StatementFormatException(long line, String problem) {
        super(line > 0 ? "line " + line + ": " + problem : problem);
        this.line = line;
    }

    public StatementFormatException(long line, String problem, Throwable cause) {
        super(line > 0 ? "line " + line + ": " + problem : problem, cause);
        this.line = line;
    }

    /** The line the problem is on; 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
