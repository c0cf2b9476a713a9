package io.huitong.web.openapi;

import io.huitong.kernel.PageRequest;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/** Adds what the infrastructure does for every operation: list parameters, Idempotency-Key, the error response. */
final class ApiOperations implements org.springdoc.core.customizers.OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (takesPageRequest(handler)) {
            operation.addParametersItem(query("limit", "How many objects to return, 1 to 100.", new IntegerSchema()
                    .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(100))._default(10)));
            operation.addParametersItem(query("starting_after", "A cursor: the id of the last object of the previous page.", new StringSchema()));
            operation.addParametersItem(query("ending_before", "A cursor: the id of the first object of the next page.", new StringSchema()));
        }
        if (isPost(handler)) {
            operation.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(false)
                    .description("1 to 255 characters. A retry with the same key and body replays the first response.")
                    .schema(new StringSchema().minLength(1).maxLength(255)));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.addApiResponse("default", new ApiResponse().description("An error (see the Error schema).")
                .content(new Content().addMediaType("application/json", new MediaType().schema(OpenApiConfig.ref(ApiSchemas.ERROR)))));
        return operation.responses(responses);
    }

    private static boolean takesPageRequest(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == PageRequest.class);
    }

    private static boolean isPost(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.asList(mapping.method()).contains(RequestMethod.POST);
    }

    private static Parameter query(String name, String description, io.swagger.v3.oas.models.media.Schema<?> schema) {
        return new Parameter().in("query").name(name).required(false).description(description).schema(schema);
    }
}
