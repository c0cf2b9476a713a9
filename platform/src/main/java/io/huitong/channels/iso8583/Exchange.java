package io.huitong.channels.iso8583;

import com.solab.iso8583.IsoMessage;

/** How one request to the acquirer went, as far as the network can tell. */
sealed interface Exchange {

    /** The acquirer answered. */
    record Reply(IsoMessage message) implements Exchange {
    }

    /** The request never left: no connection, or it broke before the request was written. The acquirer did nothing. */
    record NotSent(String reason) implements Exchange {
    }

    /** The request was written but no answer came back in time: the acquirer may have acted. */
    record Lost(String reason) implements Exchange {
    }
}
