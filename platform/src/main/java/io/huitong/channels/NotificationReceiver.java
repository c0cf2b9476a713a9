package io.huitong.channels;

import java.util.List;
import java.util.Map;

/**
 * A connector whose channel sends notifications to the platform ({@code POST /notify/{channel}}). It checks
 * the notification's signature, hands what it says to payments, and answers in the channel's own terms.
 * A notification that fails its checks changes nothing and gets a 4xx.
 */
public interface NotificationReceiver {

    /** The channel's name, the last segment of its notify URL. */
    String name();

    Reply receive(Inbound notification);

    /** A notification as it arrived; header names are lower case. */
    record Inbound(String contentType, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /** The answer the channel expects. */
    record Reply(int status, String contentType, String body) {
    }
}
