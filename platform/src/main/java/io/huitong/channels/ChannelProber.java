package io.huitong.channels;

import io.huitong.kernel.Periodic;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every channel whose breaker is open, every {@code interval}, whether it answers again, with its
 * protocol's echo ({@link Connector#echo}); a channel that answers is half-opened ({@link ChannelBreaker#echoed}),
 * so that a channel back up takes payments again within about one interval instead of the breaker's whole wait.
 * Channels are asked at once, each on its own virtual thread, so that one that does not answer delays no other;
 * a channel still being asked is not asked again. Closed breakers are left alone: their calls tell enough.
 */
public final class ChannelProber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChannelProber.class);

    private final List<Connector> connectors;
    private final Duration timeout;
    private final Periodic periodic;
    private final ExecutorService echoes = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> asking = ConcurrentHashMap.newKeySet();

    /** Only connectors with a breaker are asked; {@link #start()} starts the asking. */
    public ChannelProber(List<? extends Connector> connectors, Duration interval, Duration timeout) {
        this.connectors = connectors.stream().filter(c -> c.breaker() != null).map(c -> (Connector) c).toList();
        this.timeout = timeout;
        this.periodic = new Periodic("channel-prober", interval, this::probe, log);
    }

    public ChannelProber start() {
        if (!connectors.isEmpty()) {
            periodic.start();
        }
        return this;
    }

    /** One round: sends the echo to every channel whose breaker is open; answers the echoes sent, to wait on. */
    public List<Future<?>> probe() {
        return connectors.stream().filter(c -> c.breaker().open() && asking.add(c.name()))
                .<Future<?>>map(c -> echoes.submit(() -> ask(c))).toList();
    }

    private void ask(Connector connector) {
        try {
            boolean answered = connector.echo(timeout);
            if (connector.breaker().echoed(answered)) {
                log.info("{} answered its echo: its breaker is half-open, the next payment tries it", connector.name());
            } else if (!answered && log.isDebugEnabled()) {
                log.debug("{} did not answer its echo", connector.name());
            }
        } catch (RuntimeException e) {
            log.warn("{}: echo failed: {}", connector.name(), e.toString());
        } finally {
            asking.remove(connector.name());
        }
    }

    @Override
    public void close() {
        periodic.stop();
        echoes.shutdownNow();
    }
}
