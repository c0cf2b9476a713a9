package io.huitong.channels;

import java.util.List;

/** The channels the platform talks to, for operators. */
public interface Channels {

    /** Every channel, card acquirers in their configured order, then order channels; routing ranks them per payment. */
    List<ChannelStatus> status();
}
