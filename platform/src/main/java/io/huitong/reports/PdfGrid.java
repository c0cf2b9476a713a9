package io.huitong.reports;

import java.util.List;
import org.openpdf.text.PageSize;
import org.openpdf.text.Rectangle;

/**
 * Where a report's columns go on the page: A4 portrait when they fit at their natural widths, landscape
 * otherwise; fixed-width kinds keep what their longest value needs, text columns share the rest, and when even
 * that does not fit everything shrinks alike (cells are then cut with "…").
 */
final class PdfGrid {

    static final float MARGIN = 36f;
    static final float SIZE = 8f;
    static final float PAD = 3f;
    private static final float TEXT_MIN = 40f;
    private static final float TEXT_WANTED = 90f;

    private final Rectangle page;
    private final float[] x;
    private final float[] width;

    private PdfGrid(Rectangle page, float[] width) {
        this.page = page;
        this.width = width;
        this.x = new float[width.length];
        float at = MARGIN;
        for (int c = 0; c < width.length; c++) {
            x[c] = at;
            at += width[c];
        }
    }

    static PdfGrid layout(List<Column> columns, PdfFont font) {
        int n = columns.size();
        float[] width = new float[n];
        float wanted = 0;
        int texts = 0;
        for (int c = 0; c < n; c++) {
            Column column = columns.get(c);
            float title = Math.min(120f, font.width(font.printable(column.label()), SIZE) + 2 * PAD + 1f);
            if (column.kind() == Column.Kind.TEXT) {
                texts++;
                width[c] = TEXT_MIN;
                wanted += Math.max(TEXT_WANTED, title);
            } else {
                width[c] = Math.max(title, font.width(sample(column.kind()), SIZE) + 2 * PAD);
                wanted += width[c];
            }
        }
        Rectangle portrait = PageSize.A4;
        // landscape as a wide media box rather than a rotated page, so the content needs no turning
        Rectangle page = wanted <= portrait.getWidth() - 2 * MARGIN ? portrait : new Rectangle(portrait.getHeight(), portrait.getWidth());
        float room = page.getWidth() - 2 * MARGIN;
        float sum = 0;
        for (float w : width) {
            sum += w;
        }
        if (sum <= room) {
            float extra = (room - sum) / (texts > 0 ? texts : n);
            for (int c = 0; c < n; c++) {
                if (texts == 0 || columns.get(c).kind() == Column.Kind.TEXT) {
                    width[c] += extra;
                }
            }
        } else {
            for (int c = 0; c < n; c++) {
                width[c] *= room / sum;
            }
        }
        return new PdfGrid(page, width);
    }

    /** The widest value a fixed-width kind usually shows. */
    private static String sample(Column.Kind kind) {
        return switch (kind) {
            case DATE_TIME -> "0000-00-00 00:00:00";
            case MONEY -> "-000,000,000.00";
            case INTEGER -> "0000000";
            case TEXT -> "";
        };
    }

    Rectangle page() {
        return page;
    }

    float left() {
        return MARGIN;
    }

    float right() {
        return page.getWidth() - MARGIN;
    }

    float top() {
        return page.getHeight() - MARGIN;
    }

    /** Where text of {@code textWidth} points starts in column {@code c}: padded left, or flush right for numbers. */
    float textX(int c, float textWidth, boolean alignRight) {
        return alignRight ? x[c] + width[c] - PAD - textWidth : x[c] + PAD;
    }

    /** The room for text in column {@code c}. */
    float room(int c) {
        return width[c] - 2 * PAD;
    }
}
