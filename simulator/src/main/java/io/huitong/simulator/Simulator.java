package io.huitong.simulator;

import io.huitong.protocols.iso8583.Iso8583Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channel simulator: two ISO 8583 acquirers, {@code acq_a} (the primary, which fails on the
 * channel-error test card) and {@code acq_b}, and the control API that changes how they behave. Runs as
 * its own program ({@link SimulatorMain}) or inside another one, for example a test:
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorOptions.loopback())) {
 *     ChannelInfo a = sim.channel("acq_a");
 *     ...
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

    public static final String ACQ_A = "acq_a";
    public static final String ACQ_B = "acq_b";
    /** A card every simulated acquirer approves (api.md's first test card), for load generators and demos. */
    public static final String APPROVED_CARD = "4242424242424242";

    private final Map<String, AcquirerServer> acquirers;
    private final ControlApi control;
    private final String host;

    private Simulator(Map<String, AcquirerServer> acquirers, ControlApi control, String host) {
        this.acquirers = acquirers;
        this.control = control;
        this.host = host;
    }

    /** Starts every server; throws when a port is taken. */
    public static Simulator start(SimulatorOptions options) {
        Iso8583Codec codec = new Iso8583Codec();
        Map<String, AcquirerServer> acquirers = new LinkedHashMap<>();
        try {
            InetAddress address = InetAddress.getByName(options.host());
            acquirers.put(ACQ_A, new AcquirerServer(new Acquirer(ACQ_A, true, codec, Clock.systemUTC()), codec, address, options.acqAPort()));
            acquirers.put(ACQ_B, new AcquirerServer(new Acquirer(ACQ_B, false, codec, Clock.systemUTC()), codec, address, options.acqBPort()));
            ControlApi control = new ControlApi(acquirers, new InetSocketAddress(address, options.controlPort()));
            return new Simulator(acquirers, control, address.getHostAddress());
        } catch (IOException e) {
            acquirers.values().forEach(AcquirerServer::close);
            throw new UncheckedIOException("the simulator could not start: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            acquirers.values().forEach(AcquirerServer::close);
            throw e;
        }
    }

    /** The control API's base URL, e.g. {@code http://127.0.0.1:9090}. */
    public String controlUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + control.port();
    }

    public List<ChannelInfo> channels() {
        return acquirers.values().stream().map(a -> new ChannelInfo(a.name(), a.host(), a.port())).toList();
    }

    public ChannelInfo channel(String name) {
        return channels().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no channel named " + name));
    }

    /** Changes how an acquirer behaves, as {@code PUT /control/channels/{name}} does. */
    public void configure(String name, ChannelSettings settings) {
        AcquirerServer acquirer = acquirers.get(name);
        if (acquirer == null) {
            throw new IllegalArgumentException("no channel named " + name);
        }
        try {
            acquirer.settings(settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An acquirer's book, as {@code GET /control/transactions} shows it. */
    public List<BookEntry> transactions(String name) {
        AcquirerServer acquirer = acquirers.get(name);
        if (acquirer == null) {
            throw new IllegalArgumentException("no channel named " + name);
        }
        return acquirer.acquirer().book();
    }

    @Override
    public void close() {
        control.close();
        acquirers.values().forEach(AcquirerServer::close);
    }
}
