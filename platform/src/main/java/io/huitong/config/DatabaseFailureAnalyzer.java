package io.huitong.config;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * The second line of defence behind {@link DatabasePreflight}: when the database fails during start-up
 * anyway, Spring Boot prints this sentence instead of the exception chain.
 */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable failure, SQLException cause) {
        if (!DatabaseProblems.isConnectionProblem(cause)) {
            return null;
        }
        DatabaseTarget target = new DatabaseTarget(environment.getProperty("spring.datasource.url"));
        String description = DatabaseProblems.explain(cause, target, environment.getProperty("spring.datasource.password"));
        return new FailureAnalysis(description,
                "Check HUITONG_DB_URL, HUITONG_DB_USER and HUITONG_DB_PASSWORD, and that the database server is running.", cause);
    }
}
