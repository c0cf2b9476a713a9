package io.huitong.jobs;

import io.huitong.kernel.ClusterSingleton;
import io.huitong.kernel.JobLeases;
import java.lang.reflect.Method;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;

/**
 * Spring's {@code @Scheduled} processing (what {@code @EnableScheduling} registers), with one addition: a method that
 * also carries {@link ClusterSingleton} runs through {@link JobLeases}, so only the node holding its lease runs it.
 * The beans keep their class: no proxy, so final classes and package-private methods are fine.
 */
class ClusterScheduling extends ScheduledAnnotationBeanPostProcessor {

    private BeanFactory beans;
    private volatile JobLeases leases;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        super.setBeanFactory(beanFactory);
        this.beans = beanFactory;
    }

    @Override
    protected Runnable createRunnable(Object target, Method method, String qualifier) {
        Runnable scheduled = super.createRunnable(target, method, qualifier);
        ClusterSingleton singleton = AnnotatedElementUtils.findMergedAnnotation(method, ClusterSingleton.class);
        if (singleton == null) {
            return scheduled;
        }
        String job = singleton.value();
        return new Runnable() {
            @Override
            public void run() {
                leases().runIfHolder(job, scheduled);
            }

            @Override
            public String toString() {
                return scheduled + " (cluster singleton " + job + ")";
            }
        };
    }

    /** Looked up on the first run, not when this post-processor is made: the leases need the database. */
    private JobLeases leases() {
        JobLeases l = leases;
        if (l == null) {
            if (beans == null) {
                throw new IllegalStateException("no bean factory");
            }
            l = beans.getBean(JobLeases.class);
            leases = l;
        }
        return l;
    }
}
