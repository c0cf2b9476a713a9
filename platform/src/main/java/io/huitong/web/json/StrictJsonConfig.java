package io.huitong.web.json;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Text fields take JSON strings only: {@code "metadata":{"n":5}} is refused rather than read as
 * {@code "5"}, as a number where an integer is expected is refused when it is a string or a float. A field named twice
 * in one object is refused too ({@code {"amount":-5,"amount":1000}}), rather than the last one winning, so that no two
 * readers of a request can disagree about what it says.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfig {

    @Bean
    JsonMapperBuilderCustomizer stringsAreStrings() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
