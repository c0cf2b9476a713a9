package io.huitong.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Schemas written by hand because they are rendered by hand: the error body and the list object. */
final class ApiSchemas {

    static final String ERROR = "Error";
    static final String LIST = "List";

    private ApiSchemas() {
    }

    static Schema<?> error() {
        ObjectSchema body = new ObjectSchema();
        body.addProperty("type", new StringSchema()._enum(List.of("invalid_request_error", "authentication_error",
                "permission_error", "card_error", "idempotency_error", "rate_limit_error", "api_error")));
        body.addProperty("code", new StringSchema().example("parameter_invalid"));
        body.addProperty("message", new StringSchema().example("amount must be a positive integer"));
        body.addProperty("param", new StringSchema().types(Set.of("string", "null")).example("amount"));
        body.addProperty("request_id", new StringSchema().example("req_01JD5Z8Q6Y3N4T2W1V0X9R8S7P"));
        body.required(List.of("type", "code", "message", "request_id"));
        ObjectSchema error = new ObjectSchema();
        error.description("Every error answers this shape, with the HTTP status of docs/api.md's error table.");
        error.addProperty("error", body);
        error.required(List.of("error"));
        return error;
    }

    static Schema<?> list() {
        ObjectSchema list = new ObjectSchema();
        list.description("A page of a list, newest first. Page on with starting_after / ending_before.");
        list.addProperty("object", new StringSchema()._enum(List.of("list")));
        list.addProperty("data", new ArraySchema().items(new ObjectSchema()));
        list.addProperty("has_more", new BooleanSchema());
        list.required(List.of("object", "data", "has_more"));
        return list;
    }

    /**
     * A controller's {@code Page<T>} is rendered by our serializer as the list object; make each generated
     * {@code PageT} schema say so, keeping its typed {@code data}.
     */
    static void describeLists(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        for (Map.Entry<String, Schema> entry : openApi.getComponents().getSchemas().entrySet()) {
            Schema<?> schema = entry.getValue();
            Map<String, Schema> properties = schema.getProperties();
            if (!entry.getKey().startsWith("Page") || properties == null || !properties.containsKey("data")) {
                continue;
            }
            Schema<?> data = properties.get("data");
            ObjectSchema list = new ObjectSchema();
            list.description(list().getDescription());
            list.addProperty("object", new StringSchema()._enum(List.of("list")));
            list.addProperty("data", data);
            list.addProperty("has_more", new BooleanSchema());
            list.required(List.of("object", "data", "has_more"));
            entry.setValue(list);
        }
    }
}
