package io.huitong.web.settlement;

import io.huitong.web.audit.RecordedChanges;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.settlement.FxRates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Exchange rates for operators (docs/api.md, "Settlement and payouts"): an append-only history per currency pair. */
@RestController
@RequestMapping("/v1/admin/fx_rates")
@Tag(name = "Settlement (operator)")
class FxRateAdminController {

    private final FxRates rates;

    FxRateAdminController(FxRates rates) {
        this.rates = rates;
    }

    record FxRateView(
            @Schema(example = "fxr_01JD8X3Q4ZJ6W2M5N7P9R1T3V5") String id,
            @Schema(example = "fx_rate") String object,
            @Schema(example = "USD") String base,
            @Schema(example = "CNY") String quote,
            @Schema(description = "Units of quote per one unit of base, as a decimal string", example = "7.1234") String rate,
            Instant effectiveAt,
            Instant createdAt,
            String createdBy) {

        static FxRateView of(FxRates.FxRate r) {
            return new FxRateView(r.id(), "fx_rate", r.base(), r.quote(), r.rateText(), r.effectiveAt(), r.createdAt(),
                    r.createdBy());
        }
    }

    record FxRateInput(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "USD") String base,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "CNY") String quote,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Units of quote per one unit of base: a positive decimal "
                    + "in a string, at most 12 digits before the point and 10 after, no sign or exponent", example = "7.1234") String rate,
            @Schema(description = "RFC 3339; when the rate takes over (default: now). At most a year before or after now.",
                    example = "2026-10-08T00:00:00+08:00") String effectiveAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE})
    @Operation(summary = "Add an exchange rate: it takes over for its pair from effective_at",
            description = "Rates are never changed: a correction is a new rate. A rate effective in the future is a scheduled rate.")
    FxRateView create(ApiPrincipal caller, @RequestBody FxRateInput body) {
        FxRates.NewFxRate rate = new FxRates.NewFxRate(body.base(), body.quote(), body.rate(), instant(body.effectiveAt()));
        // before: the pair's newest rate until now (rates are never changed; a new one takes over from it)
        return RecordedChanges.change(() -> rate.base() == null || rate.quote() == null ? null
                        : rates.list(rate.base(), rate.quote(), io.huitong.kernel.PageRequest.first(1)).data().stream().findFirst()
                        .map(FxRateView::of).orElse(null),
                () -> FxRateView.of(rates.add(rate, caller.id())));
    }

    @GetMapping
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.FINANCE, OperatorRole.AUDITOR})
    @Operation(summary = "Exchange rates, newest first, of one pair, base or quote, or all")
    Page<FxRateView> list(@Parameter(description = "Only rates of this base currency") @RequestParam(required = false) String base,
                          @Parameter(description = "Only rates of this quote currency") @RequestParam(required = false) String quote,
                          PageRequest page) {
        return rates.list(blankToNull(base), blankToNull(quote), page).map(FxRateView::of);
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("effective_at", "effective_at must be an RFC 3339 timestamp with an offset, such as 2026-10-08T00:00:00+08:00.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
