package io.huitong.reports;

import java.util.Locale;
import java.util.Optional;

/** The formats a report is written in, with what an HTTP answer and a file name need. */
public enum ReportFormat {

    CSV("text/csv;charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    PDF("application/pdf", "pdf");

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The {@code Content-Type} of a document in this format. */
    public String mediaType() {
        return mediaType;
    }

    /** The file extension without the dot, e.g. {@code "xlsx"}. */
    public String extension() {
        return extension;
    }

    /** The format whose extension is {@code extension} (case-insensitive, without the dot), e.g. from {@code statement.pdf}. */
    public static Optional<ReportFormat> ofExtension(String extension) {
        if (extension == null) {
            return Optional.empty();
        }
        String wanted = extension.toLowerCase(Locale.ROOT);
        for (ReportFormat format : values()) {
            if (format.extension.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
