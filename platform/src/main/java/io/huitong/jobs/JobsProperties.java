package io.huitong.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code huitong.jobs.*}.
 *
 * @param lease how long a job's lease outlives a node that stopped renewing it: a node that dies hands its jobs over
 *              within this (plus the job's own interval); the holder renews every third of it
 * @param node  this node's name in the lock table ({@code locked_by}); unset: host, process id and a random part
 */
@ConfigurationProperties("huitong.jobs")
record JobsProperties(@DefaultValue("10s") Duration lease, String node) {

    JobsProperties {
        if (lease.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("huitong.jobs.lease must be at least 300ms: " + lease);
        }
    }
}
