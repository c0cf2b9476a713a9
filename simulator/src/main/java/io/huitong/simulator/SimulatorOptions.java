package io.huitong.simulator;

import java.util.Map;

/**
 * Where the simulator listens. Port 0 takes any free port; {@link Simulator#controlUrl()} and
 * {@link Simulator#channels()} tell which.
 *
 * @param host        the address every server binds to ({@code 127.0.0.1} keeps the simulator off the network)
 * @param controlPort the control API's port
 * @param acqAPort    the ISO 8583 port of {@code acq_a}, the primary acquirer
 * @param acqBPort    the ISO 8583 port of {@code acq_b}
 */
public record SimulatorOptions(String host, int controlPort, int acqAPort, int acqBPort) {

    public SimulatorOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        for (int port : new int[] {controlPort, acqAPort, acqBPort}) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("ports are 0 to 65535, not " + port);
            }
        }
    }

    /** Everything on loopback, on free ports: for tests and for starting the simulator inside another program. */
    public static SimulatorOptions loopback() {
        return new SimulatorOptions("127.0.0.1", 0, 0, 0);
    }

    /**
     * From {@code HUITONG_SIM_HOST} (default 127.0.0.1), {@code HUITONG_SIM_PORT} (control API, default 9090),
     * {@code HUITONG_SIM_ACQ_A_PORT} (default 8583) and {@code HUITONG_SIM_ACQ_B_PORT} (default 8584).
     */
    public static SimulatorOptions fromEnvironment(Map<String, String> env) {
        return new SimulatorOptions(env.getOrDefault("HUITONG_SIM_HOST", "127.0.0.1"), port(env, "HUITONG_SIM_PORT", 9090),
                port(env, "HUITONG_SIM_ACQ_A_PORT", 8583), port(env, "HUITONG_SIM_ACQ_B_PORT", 8584));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not " + value);
        }
    }
}
