package io.huitong.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportWriterTest {

    @Test
    void showsTheChineseMerchantAmountsAndTotalsInAnEmbeddedFont() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(write(Statements.twoLines()))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("结算单 Settlement statement stl_0001", "汇通茶庄", "商户 Merchant", "2026-03-02",
                    "时间 Time", "2026-03-01 10:15:00", "支付 Payment", "茶-0001",
                    "1,234.56", "-12.50", "1,222.06", "-50.00", "净额 Net", "1,222.06 CNY", "1 / 1");
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("结算单 Settlement statement stl_0001");
            List<PDFont> fonts = fonts(pdf.getPage(0));
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font).isInstanceOf(PDType0Font.class);
                assertThat(font.isEmbedded()).isTrue();
                assertThat(font.getName()).matches("[A-Z]{6}\\+WenQuanYiMicroHei");
            });
        }
    }

    @Test
    void pagesGrowWithRowsAndRepeatTheColumnTitles() throws IOException {
        try (PDDocument small = Loader.loadPDF(write(Statements.statement(10)));
             PDDocument large = Loader.loadPDF(write(Statements.statement(500)))) {
            assertThat(small.getNumberOfPages()).isEqualTo(1);
            int pages = large.getNumberOfPages();
            assertThat(pages).isGreaterThan(6);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(large);
                assertThat(text).contains("时间 Time", "净额 Net", page + " / " + pages);
            }
            stripper.setStartPage(pages);
            assertThat(stripper.getText(large)).contains("pay_499", "笔数 Lines");
            for (PDPage page : large.getPages()) {
                assertThat(fonts(page)).allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
            }
        }
    }

    @Test
    void charactersTheFontLacksBecomeQuestionMarksAndLongTextIsCut() throws IOException {
        String longName = "汇通茶庄（杭州西湖区龙井路分店）有限责任公司 Huitong Tea House Hangzhou West Lake Longjing Road Branch Co., Ltd.";
        Report report = new Report("票据 😀 𠮷", Statements.SHANGHAI, List.of(Field.text("商户 Merchant", "喆茶 😀 𠮷野家")),
                Statements.COLUMNS, RowSource.of(List.of(
                        List.of(Statements.START, "支付 Payment", "pay_1", longName, 100L, 0L, 100L),
                        List.of(Statements.START, "line\nbreak\ttab", "pay_2", "o", 1L, 0L, 1L))), List.of());

        try (PDDocument pdf = Loader.loadPDF(write(report))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("票据 ? ?", "喆茶 ? ?野家", "line break tab", "1.00", "0.01");
            assertThat(text).contains("汇通茶庄（").contains("…").doesNotContain("Co., Ltd.");
        }
    }

    @Test
    void aNarrowTableStaysPortraitAndAWideOneTurnsToLandscape() throws IOException {
        Report narrow = new Report("窄表 Narrow", Statements.SHANGHAI, List.of(),
                List.of(Column.text("商户 Merchant"), Column.integer("笔数 Count"), Column.money("金额 Amount", "CNY")),
                RowSource.of(List.of()), List.of());
        try (PDDocument portrait = Loader.loadPDF(write(narrow));
             PDDocument landscape = Loader.loadPDF(write(Statements.twoLines()))) {
            assertThat(portrait.getPage(0).getMediaBox().getWidth()).isEqualTo(595f);
            assertThat(landscape.getPage(0).getMediaBox().getWidth()).isEqualTo(842f);
            assertThat(landscape.getPage(0).getRotation()).isZero();
        }
    }

    static byte[] write(Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Reports.write(report, ReportFormat.PDF, out);
        return out.toByteArray();
    }

    private static List<PDFont> fonts(PDPage page) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        PDResources resources = page.getResources();
        for (COSName name : resources.getFontNames()) {
            fonts.add(resources.getFont(name));
        }
        return fonts;
    }
}
