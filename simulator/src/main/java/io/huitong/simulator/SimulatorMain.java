package io.huitong.simulator;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the channel simulator until stopped: {@code java -jar simulator/target/huitong-simulator.jar}.
 * Ports come from the environment ({@link SimulatorOptions#fromEnvironment}); 0 takes a free one, and
 * the ports actually used are logged.
 */
public final class SimulatorMain {

    private static final Logger log = LoggerFactory.getLogger(SimulatorMain.class);

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Simulator simulator = Simulator.start(SimulatorOptions.fromEnvironment(System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        for (ChannelInfo c : simulator.channels()) {
            if (c.url() != null) {
                log.info("{} speaks {} at {}", c.name(), c.protocol(), c.url());
            } else {
                log.info("acquirer {} speaks ISO 8583 on {}:{}", c.name(), c.host(), c.port());
            }
        }
        log.info("control API on {}/control/channels", simulator.controlUrl());
        stopped.await();
    }
}
