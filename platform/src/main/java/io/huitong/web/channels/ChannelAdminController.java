package io.huitong.web.channels;

import io.huitong.channels.ChannelStatus;
import io.huitong.channels.ChannelWindow;
import io.huitong.channels.Channels;
import io.huitong.identity.AllowedRoles;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The channels the platform talks to and how they are doing, for operators. */
@RestController
@RequestMapping("/v1/admin/channels")
@Tag(name = "Channels (operator)")
class ChannelAdminController {

    private final Channels channels;

    ChannelAdminController(Channels channels) {
        this.channels = channels;
    }

    /** The newest calls that reached the channel (up to 200); rates and latencies are null while there are none. */
    record RecentView(int calls, int decided, int failed,
                      @Schema(description = "share of calls the channel took a decision on (approved, declined, step-up)") Double successRate,
                      Double p50LatencyMs, Double p99LatencyMs) {

        static RecentView of(ChannelWindow.Snapshot s) {
            return new RecentView(s.calls(), s.decided(), s.failed(), s.successRate(), millis(s.p50()), millis(s.p99()));
        }

        private static Double millis(Duration d) {
            return d == null ? null : d.toNanos() / 10_000 / 100.0;
        }
    }

    record ChannelView(@Schema(allowableValues = "channel") String object, String name,
                       @Schema(allowableValues = "card") String kind, @Schema(allowableValues = "iso8583") String protocol,
                       String host, int port, @Schema(allowableValues = {"closed", "open", "half_open"}) String breaker,
                       @Schema(allowableValues = {"up", "degraded", "down"}) String health, RecentView recent) {

        static ChannelView of(ChannelStatus s) {
            return new ChannelView("channel", s.name(), s.kind(), s.protocol(), s.host(), s.port(), s.breaker(), s.health(),
                    RecentView.of(s.recent()));
        }
    }

    @GetMapping
    @AllowedRoles({OperatorRole.ADMIN, OperatorRole.SUPPORT, OperatorRole.RISK_ANALYST, OperatorRole.AUDITOR})
    Page<ChannelView> list() {
        return new Page<>(channels.status().stream().map(ChannelView::of).toList(), false);
    }
}
