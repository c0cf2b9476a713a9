package io.huitong.simulator;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One simulator on loopback for a whole test class, and fresh references shaped like our payment ids. */
abstract class SimulatorTestSupport {

    static Simulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = Simulator.start(SimulatorOptions.loopback());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    static String ref() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }
}
