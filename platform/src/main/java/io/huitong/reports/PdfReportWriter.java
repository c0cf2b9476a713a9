package io.huitong.reports;

import io.huitong.kernel.Money;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.ExceptionConverter;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * A report as PDF, drawn page by page with OpenPDF: each finished page goes to the stream before the next is
 * begun, and what stays behind until the end is a reference per page and the set of glyphs used (for the font
 * subset), not the pages themselves. The page count is a template filled in when the last page is done.
 */
final class PdfReportWriter {

    private static final float TITLE = 15f;
    private static final float FIELD = 9f;
    private static final float FIELD_LEADING = 13f;
    static final float ROW = 12f;
    private static final float TITLES_ROW = 16f;
    private static final float FOOTER = 7f;
    private static final float FOOTER_Y = 22f;
    private static final float BOTTOM = 40f;
    private static final float BOLD_STROKE = 0.3f;
    private static final String COUNT_SAMPLE = "0000000";

    private final Report report;
    private final PdfFont font;
    private final PdfGrid grid;
    private final Document document;
    private final PdfWriter writer;
    private final PdfTemplate pageCount;
    private final String footerTitle;
    private float y;

    private PdfReportWriter(Report report, PdfFont font, PdfGrid grid, Document document, PdfWriter writer) {
        this.report = report;
        this.font = font;
        this.grid = grid;
        this.document = document;
        this.writer = writer;
        this.pageCount = writer.getDirectContent().createTemplate(font.width(COUNT_SAMPLE, FOOTER), 10f);
        float half = (grid.right() - grid.left()) / 2;
        this.footerTitle = font.fit(font.printable(report.title()), FOOTER, half);
    }

    static void write(Report report, OutputStream out) throws IOException {
        try {
            PdfFont font = PdfFont.forDocument();
            PdfGrid grid = PdfGrid.layout(report.columns(), font);
            Document document = new Document(grid.page(), PdfGrid.MARGIN, PdfGrid.MARGIN, PdfGrid.MARGIN, PdfGrid.MARGIN);
            PdfWriter writer = PdfWriter.getInstance(document, out);
            // nothing here needs PDF 2.0, and 1.7 (ISO 32000-1) is what every reader opens
            writer.setPdfVersion(PdfWriter.VERSION_1_7);
            document.addTitle(report.title());
            document.addCreator("Huitong");
            document.open();
            PdfReportWriter pdf = new PdfReportWriter(report, font, grid, document, writer);
            pdf.top();
            PdfRows rows = new PdfRows(pdf, report.columns(), report.zone(), font, grid);
            report.rows().forEachRow(rows::add);
            pdf.totals();
            pdf.footer();
            pdf.fillPageCount();
            document.close();
        } catch (RuntimeException e) {
            IOException io = ioCause(e);
            if (io != null) {
                throw io;
            }
            throw e;
        }
    }

    /** The failure to write to the stream behind a library's unchecked wrapper, if that is what happened. */
    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UncheckedIOException unchecked) {
                return unchecked.getCause();
            }
            if (t instanceof ExceptionConverter converter && converter.getException() instanceof IOException io) {
                return io;
            }
            if (t instanceof DocumentException && t.getCause() instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private void top() {
        y = grid.top() - TITLE;
        text(font.fit(font.printable(report.title()), TITLE, grid.right() - grid.left()), TITLE, grid.left(), y, true);
        y -= 8;
        fields(report.header());
        y -= 8;
        columnTitles();
    }

    PdfContentByte canvas() {
        return writer.getDirectContent();
    }

    /** The y of the next row's top edge, after moving to a new page when the row would run into the footer. */
    float rowTop() {
        if (y - ROW < BOTTOM) {
            newPage();
            columnTitles();
        }
        float top = y;
        y -= ROW;
        return top;
    }

    private void columnTitles() {
        PdfContentByte canvas = canvas();
        canvas.saveState();
        canvas.setGrayFill(0.88f);
        canvas.rectangle(grid.left(), y - TITLES_ROW, grid.right() - grid.left(), TITLES_ROW);
        canvas.fill();
        canvas.restoreState();
        List<Column> columns = report.columns();
        for (int c = 0; c < columns.size(); c++) {
            String title = font.fit(font.printable(columns.get(c).label()), PdfGrid.SIZE, grid.room(c));
            float x = grid.textX(c, font.width(title, PdfGrid.SIZE), columns.get(c).numeric());
            text(title, PdfGrid.SIZE, x, y - TITLES_ROW + 5.5f, true);
        }
        y -= TITLES_ROW;
    }

    private void totals() {
        List<Field> totals = report.totals();
        if (totals.isEmpty()) {
            return;
        }
        if (y - 8 - totals.size() * FIELD_LEADING < BOTTOM) {
            newPage();
        }
        PdfContentByte canvas = canvas();
        canvas.setLineWidth(0.6f);
        canvas.moveTo(grid.left(), y - 2);
        canvas.lineTo(grid.right(), y - 2);
        canvas.stroke();
        y -= 4;
        fields(totals);
    }

    /**
     * Labelled values, one a line: the labels in bold, the values lined up after the longest label, and numbers
     * right-aligned among themselves (a currency code after them) so their digits line up.
     */
    private void fields(List<Field> fields) {
        float width = grid.right() - grid.left();
        float labels = 0;
        float numbers = 0;
        for (Field field : fields) {
            labels = Math.max(labels, font.width(font.printable(field.label()), FIELD));
            if (number(field) != null) {
                numbers = Math.max(numbers, font.width(number(field), FIELD));
            }
        }
        // a hair of slack, so the longest label is not cut by rounding
        labels = Math.min(labels + 0.5f, width * 0.4f);
        float valueX = grid.left() + labels + 12;
        for (Field field : fields) {
            if (y - FIELD_LEADING < BOTTOM) {
                newPage();
            }
            y -= FIELD_LEADING;
            text(font.fit(font.printable(field.label()), FIELD, labels), FIELD, grid.left(), y, true);
            String number = number(field);
            if (number == null) {
                String value = font.printable(Cells.shownField(field.value(), report.zone()));
                text(font.fit(value, FIELD, grid.right() - valueX), FIELD, valueX, y, false);
            } else {
                text(number, FIELD, valueX + numbers - font.width(number, FIELD), y, false);
                if (field.value() instanceof Money money) {
                    text(" " + money.currency(), FIELD, valueX + numbers, y, false);
                }
            }
        }
    }

    /** A numeric field's digits as shown ({@code 1,234.56}), or null for other fields. */
    private static String number(Field field) {
        return switch (field.value()) {
            case Money money -> Cells.grouped(Cells.money(money));
            case Long n -> Cells.grouped(BigDecimal.valueOf(n));
            case Integer n -> Cells.grouped(BigDecimal.valueOf(n));
            case null, default -> null;
        };
    }

    private void newPage() {
        footer();
        document.newPage();
        y = grid.top();
    }

    /** The title on the left, "K / N" on the right, N being filled in at the end. */
    private void footer() {
        PdfContentByte canvas = canvas();
        canvas.saveState();
        canvas.setGrayFill(0.35f);
        text(footerTitle, FOOTER, grid.left(), FOOTER_Y, false);
        float countX = grid.right() - pageCount.getWidth();
        String page = writer.getPageNumber() + " / ";
        text(page, FOOTER, countX - font.width(page, FOOTER), FOOTER_Y, false);
        canvas.restoreState();
        canvas.addTemplate(pageCount, countX, FOOTER_Y - 2);
    }

    private void fillPageCount() {
        pageCount.beginText();
        pageCount.setFontAndSize(font.base(), FOOTER);
        pageCount.setGrayFill(0.35f);
        pageCount.setTextMatrix(0, 2);
        pageCount.showText(String.valueOf(writer.getPageNumber()));
        pageCount.endText();
    }

    private void text(String printable, float size, float x, float baseline, boolean bold) {
        PdfContentByte canvas = canvas();
        canvas.beginText();
        canvas.setFontAndSize(font.base(), size);
        if (bold) {
            // one face only: bold is the outline stroked over the fill
            canvas.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE);
            canvas.setLineWidth(BOLD_STROKE);
        }
        canvas.setTextMatrix(x, baseline);
        canvas.showText(printable);
        if (bold) {
            canvas.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL);
        }
        canvas.endText();
    }
}
