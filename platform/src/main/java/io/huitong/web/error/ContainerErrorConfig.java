package io.huitong.web.error;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded container reports the errors it answers itself in the contract's shape ({@link ContainerErrorValve}). */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfig {

    @Bean
    TomcatContextCustomizer containerErrorsInTheContractShape() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ContainerErrorValve.class.getName());
            }
        };
    }
}
