package io.huitong.web.channels;

import io.huitong.channels.NotificationReceiver;
import io.huitong.channels.NotificationReceivers;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /notify/{channel}}: where banks and wallet operators tell the platform what became of an
 * order. Open to the network, as the channels call it; each connector checks its channel's signature before
 * anything changes, and answers in its channel's own terms.
 */
@RestController
@Tag(name = "Channel notifications")
class NotificationController {

    /** Notifications are small; anything larger is refused unread. */
    static final int MAX_BODY = 64 * 1024;

    private final NotificationReceivers receivers;

    NotificationController(NotificationReceivers receivers) {
        this.receivers = receivers;
    }

    @PostMapping("/notify/{channel}")
    ResponseEntity<String> receive(@PathVariable String channel, HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new ApiException(413, ErrorType.INVALID_REQUEST_ERROR, "body_too_large",
                    "A notification is at most " + MAX_BODY + " bytes", null);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        NotificationReceiver.Reply reply = receivers.receive(channel,
                        new NotificationReceiver.Inbound(request.getContentType(), headers, body))
                .orElseThrow(() -> ApiException.notFound("channel", channel));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(reply.status());
        if (reply.contentType() != null) {
            answer.contentType(MediaType.parseMediaType(reply.contentType()));
        }
        return answer.body(reply.body());
    }
}
