package io.huitong.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The landing answer at {@code /}: where to go next. */
@Hidden
@RestController
class RootController {

    @GetMapping("/")
    Map<String, String> root() {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("name", "Huitong");
        links.put("api", "/v1");
        links.put("docs", "/docs");
        links.put("openapi", "/v3/api-docs");
        links.put("health", "/actuator/health");
        return links;
    }
}
