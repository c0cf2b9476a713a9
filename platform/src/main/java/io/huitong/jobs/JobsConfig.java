package io.huitong.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.Utils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/** Scheduling ({@code @Scheduled}, with {@code @ClusterSingleton}) and the job leases; see the package's description. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobsProperties.class)
class JobsConfig {

    /**
     * {@code @EnableScheduling} (on the application, and on libraries' auto-configurations) registers Spring's
     * {@code @Scheduled} processor under a well-known name; this puts {@link ClusterScheduling} in its place before any
     * bean is made, so that {@code @ClusterSingleton} is read wherever scheduling was switched on from. Spring Boot's
     * scheduler pool ({@code spring.task.scheduling.*}) stays as it is.
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor clusterScheduling() {
        return registry -> {
            String name = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME;
            if (registry.containsBeanDefinition(name)) {
                registry.removeBeanDefinition(name);
            }
            RootBeanDefinition processor = new RootBeanDefinition(ClusterScheduling.class);
            processor.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(name, processor);
        };
    }

    /**
     * The leases on ShedLock's lock table ({@code shedlock}, V80), with the database's clock, and this node's own name
     * in {@code locked_by}: not the host name alone (ShedLock's default), since several nodes may share a host, and a
     * node must never renew or give back another one's lease.
     */
    @Bean(destroyMethod = "close")
    ShedLockLeases jobLeases(DataSource dataSource, JobsProperties properties, Environment env, ObjectProvider<MeterRegistry> meters) {
        return leases(dataSource, properties.lease(), nodeName(properties, env), meters.getIfAvailable());
    }

    static ShedLockLeases leases(DataSource dataSource, Duration lease, String node, MeterRegistry meters) {
        LockProvider locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .withLockedByValue(node)
                .build());
        return new ShedLockLeases(locks, lease, node, meters);
    }

    /** {@code huitong.jobs.node}, else e.g. {@code host:8081/4242/9f3a1c} (host, HTTP port when fixed, process, random). */
    static String nodeName(JobsProperties properties, Environment env) {
        if (properties.node() != null && !properties.node().isBlank()) {
            return properties.node();
        }
        String port = env.getProperty("server.port", "");
        return Utils.getHostname() + ("".equals(port) || "0".equals(port) ? "" : ":" + port) + "/" + ProcessHandle.current().pid()
                + "/" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    }
}
