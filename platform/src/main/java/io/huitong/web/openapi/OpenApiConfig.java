package io.huitong.web.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.PageRequest;
import io.huitong.web.error.ApiError;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs (browsable at /docs): docs/api.md's conventions, in machine-readable form. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String BEARER = "bearer";

    static {
        // Resolved by our own argument resolvers, not bound from the request as Spring MVC would by default.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(ApiPrincipal.class, PageRequest.class);
        // ApiError is written by the error advice; its documented form is the hand-written Error schema.
        SpringDocUtils.getConfig().replaceWithSchema(ApiError.class, ref(ApiSchemas.ERROR));
        // A JSON value passed through as it is (an event's data.object): any object, not the node class's getters.
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class, new io.swagger.v3.oas.models.media.ObjectSchema());
    }

    /**
     * The schema generator (swagger-core) reads classes with its own Jackson 2 mapper, which doesn't see
     * our {@code spring.jackson.property-naming-strategy}; without this the docs would say
     * {@code hasMore} where the API says {@code has_more}.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(true);
    }

    @Bean
    OpenAPI huitongOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Huitong API")
                        .version("1")
                        .description("""
                                Payments, wallets and the ledger of Huitong. JSON bodies with snake_case fields; amounts \
                                are integers in the currency's minor unit. Every response carries a `Request-Id` header; \
                                every error has the shape `{"error":{...}}`. Every POST accepts an `Idempotency-Key`.""")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("The admin key, a merchant's secret key (sk_test_...) or a consumer session token."))
                        .addSchemas(ApiSchemas.ERROR, ApiSchemas.error())
                        .addSchemas(ApiSchemas.LIST, ApiSchemas.list()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OperationCustomizer huitongOperations() {
        return new ApiOperations();
    }

    @Bean
    OpenApiCustomizer huitongListSchemas() {
        return openApi -> ApiSchemas.describeLists(openApi);
    }

    static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }
}
