package io.huitong.web.insights;

import io.huitong.insights.InsightsRollup;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.OperatorRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The overview's hourly rollup, for operators: a pass now (after payments were loaded in bulk, say). */
@RestController
@Tag(name = "Insights (operator)")
@AllowedRoles({OperatorRole.ADMIN})
class InsightsAdminController {

    private final InsightsRollup rollup;

    InsightsAdminController(InsightsRollup rollup) {
        this.rollup = rollup;
    }

    record NoParameters() {
    }

    record PassView(String object, Instant rolledUntil, Instant scannedUntil, int hoursRolled) {
    }

    @PostMapping("/v1/admin/insights/rollup")
    @Operation(summary = "Roll the merchant overview's hourly rollup now: hours closed and hours whose payments or refunds changed")
    PassView roll(@RequestBody(required = false) NoParameters body) {
        InsightsRollup.Pass pass = rollup.roll();
        return new PassView("insights_rollup_pass", pass.rolledUntil(), pass.scannedUntil(), pass.hoursRolled());
    }
}
