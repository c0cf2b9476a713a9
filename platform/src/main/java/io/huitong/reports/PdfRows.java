package io.huitong.reports;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import org.openpdf.text.pdf.PdfContentByte;

/** The table's rows on the PDF's pages: each row one text object, every other row lightly shaded. */
final class PdfRows {

    private static final float BASELINE = 3.5f;

    private final PdfReportWriter pages;
    private final List<Column> columns;
    private final ZoneId zone;
    private final PdfFont font;
    private final PdfGrid grid;
    private long count;

    PdfRows(PdfReportWriter pages, List<Column> columns, ZoneId zone, PdfFont font, PdfGrid grid) {
        this.pages = pages;
        this.columns = columns;
        this.zone = zone;
        this.font = font;
        this.grid = grid;
    }

    void add(List<?> row) {
        Cells.check(row, columns, ++count);
        float top = pages.rowTop();
        PdfContentByte canvas = pages.canvas();
        if (count % 2 == 0) {
            canvas.saveState();
            canvas.setGrayFill(0.96f);
            canvas.rectangle(grid.left(), top - PdfReportWriter.ROW, grid.right() - grid.left(), PdfReportWriter.ROW);
            canvas.fill();
            canvas.restoreState();
        }
        canvas.beginText();
        canvas.setFontAndSize(font.base(), PdfGrid.SIZE);
        for (int c = 0; c < row.size(); c++) {
            Object value = row.get(c);
            if (value == null) {
                continue;
            }
            Column column = columns.get(c);
            PdfFont.Fitted shown = font.fitted(font.printable(shown(column, value)), PdfGrid.SIZE, grid.room(c));
            canvas.setTextMatrix(grid.textX(c, shown.width(), column.numeric()), top - PdfReportWriter.ROW + BASELINE);
            canvas.showText(shown.text());
        }
        canvas.endText();
    }

    private String shown(Column column, Object value) {
        return switch (column.kind()) {
            case TEXT -> value.toString();
            case MONEY -> Cells.grouped(Cells.money(value, column));
            case INTEGER -> Cells.grouped(BigDecimal.valueOf(((Number) value).longValue()));
            case DATE_TIME -> Cells.shown(value, zone);
        };
    }
}
