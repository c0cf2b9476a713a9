package io.huitong.testsupport;

import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database for one Spring Boot test class: a {@code static final} field of the class, registered
 * from its {@code @DynamicPropertySource}. {@link TestDatabaseLifecycle} creates it before the class (so
 * a missing PostgreSQL skips the class cleanly) and drops it after Spring has closed the context.
 */
public final class TestDatabase {

    private final Supplier<TestDatabases.TestDb> factory;
    private TestDatabases.TestDb db;

    private TestDatabase(Supplier<TestDatabases.TestDb> factory) {
        this.factory = factory;
    }

    public static TestDatabase h2() {
        return new TestDatabase(TestDatabases::h2);
    }

    public static TestDatabase postgres() {
        return new TestDatabase(TestDatabases::postgresMigrated);
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> db().url());
        registry.add("spring.datasource.username", () -> db().user());
        registry.add("spring.datasource.password", () -> db().password());
    }

    public synchronized TestDatabases.TestDb db() {
        if (db == null) {
            db = factory.get();
        }
        return db;
    }

    synchronized void drop() {
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
