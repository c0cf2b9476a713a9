package io.huitong.channels;

import java.util.List;
import java.util.Optional;

/** The channels the platform talks to, for operators. */
public interface Channels {

    /** Every channel, card acquirers in their configured order, then order channels; routing ranks them per payment. */
    List<ChannelStatus> status();

    /** The number of the platform's own account at the channel (the settlement account at a bank), where it keeps one. */
    default Optional<String> accountAt(String channel) {
        return Optional.empty();
    }
}
