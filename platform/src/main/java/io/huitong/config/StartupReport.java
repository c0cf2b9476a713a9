package io.huitong.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started Huitong where it listens, which database it uses and where its data lives. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;
    private final Path dataDir;

    StartupReport(Environment environment) {
        this.environment = environment;
        this.dataDir = Path.of(environment.getProperty("huitong.data-dir", "./data")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : environment.getProperty("server.port", Integer.class, 8080);
        String scheme = environment.getProperty("huitong.tls.enabled", Boolean.class, false) ? "https" : "http";
        String base = scheme + "://localhost:" + port;
        DatabaseTarget database = new DatabaseTarget(environment.getProperty("spring.datasource.url"));
        log.info("""
                Huitong is ready at {}/
                  API docs:  {}/docs  (OpenAPI: {}/v3/api-docs)
                  Database:  {}
                  Data dir:  {}""", base, base, base, database.describe(), dataDir);
    }
}
