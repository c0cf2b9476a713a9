package io.huitong.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseTargetTests {

    @Test
    void postgresIsShownWithoutParametersOrCredentials() {
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://db.example:5432/huitong?user=app&password=s3cret");

        assertThat(target.kind()).isEqualTo(DatabaseTarget.Kind.POSTGRESQL);
        assertThat(target.display()).isEqualTo("postgresql://db.example:5432/huitong");
        assertThat(target.describe()).isEqualTo("PostgreSQL at db.example:5432/huitong");
        assertThat(new DatabaseTarget("jdbc:postgresql://app:s3cret@db:5432/x").display()).doesNotContain("s3cret");
    }

    @Test
    void h2FileIsShownAsAnAbsolutePath() {
        DatabaseTarget target = new DatabaseTarget("jdbc:h2:file:./data/huitong;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");

        assertThat(target.kind()).isEqualTo(DatabaseTarget.Kind.H2_FILE);
        assertThat(target.h2File()).isEqualTo(Path.of("data/huitong").toAbsolutePath().normalize());
        assertThat(target.describe()).isEqualTo("H2 file at " + Path.of("data/huitong").toAbsolutePath().normalize());
    }

    @Test
    void otherDatabasesAreUnsupported() {
        assertThat(new DatabaseTarget("jdbc:mysql://localhost/x").supported()).isFalse();
        assertThat(new DatabaseTarget("jdbc:h2:tcp://localhost/x").supported()).isFalse();
        assertThat(new DatabaseTarget(null).supported()).isFalse();
        assertThat(new DatabaseTarget("jdbc:h2:mem:x").supported()).isTrue();
    }
}
