package io.huitong.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The API reference of {@code docs/reference/api.md}, written from the OpenAPI description the platform serves
 * ({@code /v3/api-docs}): every operation by tag, then path and method, with who may call it, its parameters, its body
 * and its answers. Sorted throughout, so the same description always gives the same page.
 */
final class ApiReference {

    /** The tests' own endpoints ({@code testsupport.TestEndpoints}), which the platform itself does not have. */
    private static final List<String> TEST_ENDPOINTS = List.of("/v1/admin/test/", "/v1/test/");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private ApiReference() {
    }

    static String markdown(JsonNode openApi) {
        Map<String, List<String>> byTag = new TreeMap<>();
        JsonNode paths = openApi.path("paths");
        for (String path : new java.util.TreeSet<>(paths.propertyNames())) {
            if (TEST_ENDPOINTS.stream().anyMatch(path::startsWith)) {
                continue;
            }
            JsonNode item = paths.path(path);
            for (String method : METHODS) {
                JsonNode op = item.path(method);
                if (op.isMissingNode()) {
                    continue;
                }
                String tag = op.path("tags").isArray() && !op.path("tags").isEmpty() ? op.path("tags").get(0).asString() : "other";
                byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(operation(method, path, op));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# API reference\n\n")
                .append("Written from the OpenAPI description the platform serves (`/v3/api-docs`, browsable at `/docs`) by\n")
                .append("`./huitong docs`; a test fails when this page and the platform disagree. The contract, with the conventions\n")
                .append("every operation follows (errors, idempotency, lists), is [api.md](../api.md).\n\n");
        for (String tag : byTag.keySet()) {
            out.append("- [").append(tag).append("](#").append(anchor(tag)).append(")\n");
        }
        for (Map.Entry<String, List<String>> tag : byTag.entrySet()) {
            out.append("\n## ").append(tag.getKey()).append("\n");
            tag.getValue().forEach(out::append);
        }
        return out.toString();
    }

    private static String operation(String method, String path, JsonNode op) {
        StringBuilder out = new StringBuilder();
        out.append("\n### `").append(method.toUpperCase(java.util.Locale.ROOT)).append(' ').append(path).append("`\n\n");
        String summary = op.path("summary").asString("");
        if (!summary.isBlank()) {
            out.append(oneLine(summary)).append("\n\n");
        }
        JsonNode parameters = op.path("parameters");
        if (parameters.isArray() && !parameters.isEmpty()) {
            out.append("| parameter | in | required | type | description |\n|---|---|---|---|---|\n");
            for (JsonNode p : parameters) {
                out.append("| `").append(p.path("name").asString()).append("` | ").append(p.path("in").asString()).append(" | ")
                        .append(p.path("required").asBoolean(false) ? "yes" : "no").append(" | ").append(type(p.path("schema")))
                        .append(" | ").append(cell(p.path("description").asString(""))).append(" |\n");
            }
            out.append('\n');
        }
        JsonNode body = op.path("requestBody").path("content");
        if (!body.isMissingNode()) {
            List<String> kinds = new ArrayList<>();
            for (String media : new java.util.TreeSet<>(body.propertyNames())) {
                kinds.add("`" + media + "` " + type(body.path(media).path("schema")));
            }
            out.append("Body: ").append(String.join(", ", kinds)).append("\n\n");
        }
        JsonNode responses = op.path("responses");
        List<String> answers = new ArrayList<>();
        for (String code : new java.util.TreeSet<>(responses.propertyNames())) {
            String description = oneLine(responses.path(code).path("description").asString(""));
            answers.add("`" + code + "`" + (description.isBlank() || description.equals("OK") ? "" : " " + description));
        }
        if (!answers.isEmpty()) {
            out.append("Answers: ").append(String.join("; ", answers)).append("\n");
        }
        return out.toString();
    }

    private static String type(JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        if (schema.path("type").asString("").equals("array")) {
            return "array of " + type(schema.path("items"));
        }
        String type = schema.path("type").asString("object");
        String format = schema.path("format").asString("");
        return format.isEmpty() ? type : type + " (" + format + ")";
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replaceAll(" {2,}", " ").strip();
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N} -]", "").replace(' ', '-');
    }
}
