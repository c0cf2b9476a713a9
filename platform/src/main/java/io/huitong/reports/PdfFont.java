package io.huitong.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.openpdf.text.DocumentException;
import org.openpdf.text.pdf.BaseFont;

/**
 * The one font of the reports' PDFs: WenQuanYi Micro Hei, shipped in the jar (see
 * {@code reports/fonts/README.md}) so no document depends on the fonts of the machine it is made on, embedded as
 * a Type 0 font subset to the glyphs each document uses.
 */
final class PdfFont {

    static final String RESOURCE = "/reports/fonts/wqy-microhei-subset.ttf";
    static final String ELLIPSIS = "…";

    private final BaseFont font;

    private PdfFont(BaseFont font) {
        this.font = font;
    }

    /**
     * A font for one document. Each document gets its own because the parsed font reads its glyphs through a
     * shared file position while subsetting, which is not safe across threads; the bytes are read once.
     */
    static PdfFont forDocument() {
        try {
            return new PdfFont(BaseFont.createFont("wqy-microhei-subset.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false,
                    Bytes.FONT, null));
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("the reports' PDF font cannot be read", e);
        }
    }

    BaseFont base() {
        return font;
    }

    /**
     * The text as the font can show it: a character it lacks (an emoji, a rare ideograph) becomes {@code ?}, so
     * the reader sees that something is missing, and control characters such as line breaks become spaces.
     */
    String printable(String text) {
        if (isPlainAscii(text)) {
            return text;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            char replacement = Character.isISOControl(cp) ? ' ' : font.charExists(cp) ? 0 : '?';
            if (replacement != 0 && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != 0) {
                    out.append(replacement);
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    /** Most cells (ids, amounts, times) are printable ASCII, which the font has in full. */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch > 0x7E) {
                return false;
            }
        }
        return true;
    }

    float width(String printable, float size) {
        return font.getWidthPoint(printable, size);
    }

    /** The printable text, cut and ended with "…" when it is wider than {@code width} points. */
    String fit(String printable, float size, float width) {
        return fitted(printable, size, width).text();
    }

    /** What {@link #fit} makes of a text, with the width it takes, for text that is aligned to the right. */
    Fitted fitted(String printable, float size, float width) {
        float whole = font.getWidthPoint(printable, size);
        if (whole <= width) {
            return new Fitted(printable, whole);
        }
        float room = width - font.getWidthPoint(ELLIPSIS, size);
        float used = 0;
        int end = 0;
        // printable text is all in the Basic Multilingual Plane: whatever lies beyond it the font lacks
        while (end < printable.length()) {
            float next = font.getWidthPoint(printable.charAt(end), size);
            if (used + next > room) {
                break;
            }
            used += next;
            end++;
        }
        return new Fitted(printable.substring(0, end) + ELLIPSIS, used + font.getWidthPoint(ELLIPSIS, size));
    }

    record Fitted(String text, float width) {
    }

    private static final class Bytes {

        static final byte[] FONT = read();

        private static byte[] read() {
            try (InputStream in = PdfFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the reports' PDF font " + RESOURCE + " is missing from the class path");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
