package io.huitong.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code @Scheduled} method: the job runs on one node of the cluster at a time, the one holding its lease
 * ({@link JobLeases}); on every other node its timer fires and does nothing. The value names the job: its row in
 * the lock table, in logs and in the {@code huitong_jobs_held} meter. Lower-case words joined by hyphens, at most
 * 64 characters, unique across the platform.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ClusterSingleton {

    /** The job's name, e.g. {@code "idempotency-purge"}. */
    String value();
}
