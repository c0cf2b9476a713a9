package io.huitong.testsupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Creates and drops the {@link TestDatabase}s held in static fields of a test class. Declare it before
 * {@code @SpringBootTest}: "after" callbacks run in reverse order, so the drop comes after Spring closed
 * the context and its connection pool.
 */
public final class TestDatabaseLifecycle implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        databases(context.getRequiredTestClass()).forEach(TestDatabase::db);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        databases(context.getRequiredTestClass()).forEach(TestDatabase::drop);
    }

    private static List<TestDatabase> databases(Class<?> testClass) {
        List<TestDatabase> databases = new ArrayList<>();
        for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == TestDatabase.class) {
                    try {
                        field.setAccessible(true);
                        databases.add((TestDatabase) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return databases;
    }
}
