package io.huitong.web.pages.merchant;

import io.huitong.events.EventTypes;
import io.huitong.events.Events;
import io.huitong.events.NewWebhookEndpoint;
import io.huitong.events.WebhookDelivery;
import io.huitong.events.WebhookEndpoint;
import io.huitong.events.WebhookEndpoints;
import io.huitong.identity.MerchantKey;
import io.huitong.identity.Merchants;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.PageRequest;
import io.huitong.merchantusers.Permission;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * For the merchant's developers: the API keys and their rotation (the existing rotation: the new key shown once, the old
 * ones working for the grace period chosen), the webhook endpoints (list, add with the signing secret shown once,
 * disable), each endpoint's deliveries with what was sent and what the endpoint answered, "send again", and the way to
 * the API reference.
 */
@Hidden
@Controller
@RequestMapping("/merchant/developers")
@Allowed(Permission.DEVELOPERS)
class MerchantDevelopersController {

    /** The grace periods an old key may keep working after a rotation, in hours (the API's longest is 7 days). */
    static final List<Integer> GRACE_HOURS = List.of(0, 1, 24, 72, 168);
    private static final Set<String> DONE = Set.of("endpointDisabled", "replayed");

    private final Merchants merchants;
    private final WebhookEndpoints endpoints;
    private final Events events;
    private final MerchantErrors errors;
    private final JsonMapper json;

    MerchantDevelopersController(Merchants merchants, WebhookEndpoints endpoints, Events events, MerchantErrors errors, JsonMapper json) {
        this.merchants = merchants;
        this.endpoints = endpoints;
        this.events = events;
        this.errors = errors;
        this.json = json;
    }

    @GetMapping
    String page(Staff staff, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", MerchantAccessController.doneMessage(DONE, done));
        return show(staff, model);
    }

    private String show(Staff staff, Model model) {
        model.addAttribute("keys", merchants.keys(staff.merchantId()));
        model.addAttribute("graceHours", GRACE_HOURS);
        model.addAttribute("endpoints", endpoints.list(staff.merchantId(), PageRequest.first(WebhookEndpoints.MAX_PER_MERCHANT)).data());
        model.addAttribute("eventTypes", EventTypes.ALL);
        return "merchant/developers";
    }

    @PostMapping("/keys/rotate")
    String rotate(Staff staff, @RequestParam(name = "grace_hours", required = false) String graceHours, HttpServletResponse response,
                  Model model) {
        int hours = graceHours != null && graceHours.matches("[0-9]{1,3}") ? Integer.parseInt(graceHours) : -1;
        if (!GRACE_HOURS.contains(hours)) {
            throw ApiException.invalid("grace_hours", "grace_hours must be one of " + GRACE_HOURS);
        }
        MerchantKey key = merchants.rotateKey(staff.merchantId(), Duration.ofHours(hours));
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("newKey", key.secretKey());
        model.addAttribute("previousKeysExpireAt", key.previousKeysExpireAt());
        return show(staff, model);
    }

    @PostMapping("/webhooks")
    String addEndpoint(Staff staff, @RequestParam(required = false) String url, @RequestParam(name = "events", required = false) List<String> types,
                       @RequestParam(required = false) String description, HttpServletResponse response, Model model) {
        try {
            WebhookEndpoints.Created created = endpoints.create(staff.merchantId(), false, new NewWebhookEndpoint(url, types, description));
            response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
            model.addAttribute("newEndpoint", created.endpoint());
            model.addAttribute("newSecret", created.secret());
            return show(staff, model);
        } catch (ApiException e) {
            HttpStatus status = errors.show(model, e);
            model.addAttribute("endpointUrl", url);
            String page = show(staff, model);
            response.setStatus(status.value());
            return page;
        }
    }

    @PostMapping("/webhooks/{id}/disable")
    String disable(Staff staff, @PathVariable String id) {
        endpoints.delete(staff.merchantId(), id);
        return "redirect:/merchant/developers?done=endpointDisabled";
    }

    @GetMapping("/webhooks/{id}")
    String deliveries(Staff staff, @PathVariable String id, @RequestParam(required = false) String after, Model model) {
        WebhookEndpoint endpoint = endpoints.find(staff.merchantId(), id).orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
        if (after != null && !after.matches("whd_[0-9A-Z]{26}")) {
            throw ApiException.invalid("after", "after must be a delivery's id");
        }
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("deliveries", endpoints.deliveries(staff.merchantId(), id, new PageRequest(20, after, null)));
        return "merchant/webhook";
    }

    @GetMapping("/deliveries/{id}")
    String delivery(Staff staff, @PathVariable String id, @RequestParam(required = false) String done, Model model) {
        WebhookDelivery delivery = endpoints.delivery(staff.merchantId(), id).orElseThrow(() -> ApiException.notFound("webhook delivery", id));
        model.addAttribute("delivery", delivery);
        model.addAttribute("endpoint", endpoints.find(staff.merchantId(), delivery.endpointId()).orElse(null));
        model.addAttribute("body", events.find(staff.merchantId(), delivery.eventId())
                .map(e -> json.writerWithDefaultPrettyPrinter().writeValueAsString(e)).orElse(""));
        model.addAttribute("headers", Map.of("Content-Type", "application/json", "User-Agent", "Huitong-Webhooks/1",
                "Huitong-Signature", "t=<unix seconds>,v1=<HMAC-SHA256>"));
        model.addAttribute("done", MerchantAccessController.doneMessage(DONE, done));
        return "merchant/delivery";
    }

    @PostMapping("/deliveries/{id}/replay")
    String replay(Staff staff, @PathVariable String id) {
        WebhookDelivery again = endpoints.replay(staff.merchantId(), id);
        return "redirect:/merchant/developers/deliveries/" + again.id() + "?done=replayed";
    }
}
