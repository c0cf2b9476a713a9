package io.huitong.audit.internal;

import io.huitong.audit.Verification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar huitong.jar audit verify --db <jdbc url> [--user <name>] [--public-key <base64 | @file>]}: checks the
 * chain straight from the database, with the platform stopped or running, without the master key. The password
 * comes from {@code HUITONG_DB_PASSWORD}, never from the command line. With {@code --public-key}, only seals signed by
 * that key count, so that a key swapped in the database does not vouch for a rewritten chain.
 */
public final class OfflineAudit {

    private static final String USAGE = "usage: audit verify --db <jdbc url> [--user <name>] [--public-key <base64 | @file>]"
            + " (password: HUITONG_DB_PASSWORD)";

    private OfflineAudit() {
    }

    /** Runs the command; the process's exit code: 0 the chain holds, 1 it is broken, 2 the command could not run. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        if (args.length < 2 || !"audit".equals(args[0]) || !"verify".equals(args[1])) {
            err.println(USAGE);
            return 2;
        }
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length || !args[i].startsWith("--")) {
                err.println(USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String url = options.remove("db");
        String user = options.remove("user");
        String key = options.remove("public-key");
        if (url == null || !url.startsWith("jdbc:") || !options.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        try {
            if (key != null && key.startsWith("@")) {
                key = Files.readString(Path.of(key.substring(1))).strip();
            }
            DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, env.get("HUITONG_DB_PASSWORD"));
            JsonMapper json = JsonMapper.builder().build();
            AuditStore store = new AuditStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource));
            Verification v = new ChainCheck(store, json, key).run();
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(v.view()));
            return v.valid() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("audit verify: " + e.getMessage());
            return 2;
        }
    }
}
