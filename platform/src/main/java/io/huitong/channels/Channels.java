package io.huitong.channels;

import java.util.List;

/** The channels the platform talks to, for operators. */
public interface Channels {

    /** Every channel, in the order payments prefer them. */
    List<ChannelStatus> status();
}
