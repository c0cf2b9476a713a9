package io.huitong.channels;

import io.huitong.simulator.Simulator;
import org.springframework.context.ApplicationContext;

/** Reaches the simulator a platform started in-process, for tests that rehearse acquirer failures. */
public final class EmbeddedSimulators {

    private EmbeddedSimulators() {
    }

    /** The in-process simulator of a platform started with no channel configured. */
    public static Simulator of(ApplicationContext context) {
        return context.getBean(ChannelsConfig.EmbeddedSimulator.class).simulator()
                .orElseThrow(() -> new IllegalStateException("the platform runs against configured channels, not the embedded simulator"));
    }
}
