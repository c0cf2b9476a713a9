package io.huitong.web.json;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * Jackson reaches the API's request and answer types (records, mostly) through generated lambdas instead of
 * reflective calls: a record is built by one call of its constructor, not through a spreader built for each request.
 * What is read and written does not change, only how quickly.
 */
@Configuration(proxyBeanMethods = false)
class JsonAccessConfig {

    /** Spring Boot adds every JacksonModule bean to the application's JsonMapper. */
    @Bean
    JacksonModule blackbird() {
        return new BlackbirdModule();
    }
}
