package io.huitong.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** The caller's stream, shielded from the libraries that close what they write to when they finish. */
final class KeepOpen extends OutputStream {

    private final OutputStream out;

    KeepOpen(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
