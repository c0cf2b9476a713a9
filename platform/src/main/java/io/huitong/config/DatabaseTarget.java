package io.huitong.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A JDBC URL as people should see it: which database, where, never with credentials or parameters
 * (a PostgreSQL URL may carry {@code ?password=...}).
 */
public record DatabaseTarget(String url) {

    public enum Kind { H2_FILE, H2_MEMORY, POSTGRESQL, UNSUPPORTED }

    public Kind kind() {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        if (lower.startsWith("jdbc:h2:mem:")) {
            return Kind.H2_MEMORY;
        }
        if (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:")) {
            return Kind.H2_FILE;
        }
        return Kind.UNSUPPORTED;
    }

    public boolean supported() {
        return kind() != Kind.UNSUPPORTED;
    }

    /** For sentences: "the database at postgresql://127.0.0.1:5432/huitong". */
    public String display() {
        return switch (kind()) {
            case POSTGRESQL -> withoutSecrets(url.substring("jdbc:".length()));
            case H2_FILE -> h2File().toString();
            case H2_MEMORY -> "h2:mem";
            case UNSUPPORTED -> url == null || url.isBlank() ? "(none)" : "'" + withoutSecrets(url) + "'";
        };
    }

    /** For the start-up report: "PostgreSQL at 127.0.0.1:5432/huitong", "H2 file at /var/lib/huitong/huitong". */
    public String describe() {
        return switch (kind()) {
            case POSTGRESQL -> "PostgreSQL at " + display().substring("postgresql:".length()).replaceFirst("^//", "");
            case H2_FILE -> "H2 file at " + h2File();
            case H2_MEMORY -> "H2 in memory (data is lost when Huitong stops)";
            case UNSUPPORTED -> "unsupported database URL " + display();
        };
    }

    /** The database file of an H2 URL, without H2's {@code .mv.db} suffix. */
    public Path h2File() {
        String rest = url.substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        String path = options >= 0 ? rest.substring(0, options) : rest;
        if (path.regionMatches(true, 0, "file:", 0, 5)) {
            path = path.substring(5);
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    private static String withoutSecrets(String value) {
        String out = value;
        int query = out.indexOf('?');
        if (query >= 0) {
            out = out.substring(0, query);
        }
        int options = out.indexOf(';');
        if (options >= 0) {
            out = out.substring(0, options);
        }
        // user:password@host is not valid JDBC, but people try it
        return out.replaceFirst("//[^/@]*@", "//");
    }
}
