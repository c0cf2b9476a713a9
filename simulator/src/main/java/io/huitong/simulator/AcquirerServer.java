package io.huitong.simulator;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.Field;
import io.huitong.protocols.iso8583.Framing;
import io.huitong.protocols.iso8583.Iso8583Codec;
import io.huitong.protocols.iso8583.Iso8583FormatException;
import io.huitong.protocols.iso8583.Mti;
import io.huitong.protocols.iso8583.ResponseCode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated acquirer on the network: a TCP server speaking the acquirer interface, each request
 * handled on its own virtual thread so that a slow answer does not hold up the others on the connection.
 * Its {@link ChannelSettings} change at run time: {@code down} closes the listening socket (connections
 * are refused) and every open connection, any other mode listens again on the same port.
 *
 * <p>Log lines name the message type, STAN and reference, never a card number.
 */
final class AcquirerServer implements Party {

    private static final Logger log = LoggerFactory.getLogger(AcquirerServer.class);
    private static final long LATE_ANSWER_MS = 30_000;

    private final Acquirer acquirer;
    private final ChannelStatement<io.huitong.protocols.statements.AcquirerSettlement.Line> statement;
    private final Iso8583Codec codec;
    private final InetAddress address;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile ChannelSettings settings = ChannelSettings.HEALTHY;
    private volatile ServerSocket server;
    private Thread acceptor; // guarded by this
    private volatile boolean closed;
    private int port;

    AcquirerServer(Acquirer acquirer, Iso8583Codec codec, InetAddress address, int port) throws IOException {
        this.acquirer = acquirer;
        this.statement = new ChannelStatement<>(new AcquirerStatement(acquirer.name(), acquirer.journal(), acquirer.feeBasisPoints()));
        this.codec = codec;
        this.address = address;
        this.port = port;
        listen();
    }

    @Override
    public String name() {
        return acquirer.name();
    }

    @Override
    public String protocol() {
        return "iso8583";
    }

    Acquirer acquirer() {
        return acquirer;
    }

    /** The daily settlement file: acquirers publish it on their file servers, so only the control API serves it here. */
    @Override
    public ChannelStatement<?> statement() {
        return statement;
    }

    @Override
    public synchronized int port() {
        return port;
    }

    @Override
    public String host() {
        return address.getHostAddress();
    }

    @Override
    public ChannelSettings settings() {
        return settings;
    }

    /** Applies new settings; going {@code down} drops every connection before this returns. */
    @Override
    public void settings(ChannelSettings next) {
        try {
            apply(next);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public List<Map<String, Object>> book() {
        return acquirer.book().stream().map(AcquirerServer::describe).toList();
    }

    private static Map<String, Object> describe(BookEntry e) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("reference", e.reference());
        m.put("kind", e.kind());
        m.put("state", e.state().wire());
        m.put("amount", e.amount());
        m.put("captured", e.captured());
        m.put("refunded", e.refunded());
        m.put("currency", e.currency());
        m.put("masked_pan", e.maskedPan());
        m.put("stan", e.stan());
        m.put("rrn", e.rrn());
        m.put("authorization_code", e.authorizationCode());
        m.put("response_code", e.responseCode());
        m.put("original_reference", e.originalReference());
        return m;
    }

    private synchronized void apply(ChannelSettings next) throws IOException {
        settings = next;
        if (next.mode() == Mode.DOWN) {
            stopListening();
            for (Socket s : connections) {
                closeQuietly(s);
            }
        } else if (server == null) {
            listen();
        }
        log.info("{}: mode {}, latency {} ms, error rate {}", name(), next.mode().wire(), next.latencyMs(), next.errorRate());
    }

    private synchronized void listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 50);
        port = socket.getLocalPort();
        server = socket;
        // a platform thread: closing a socket that a virtual thread waits on may complete only once that thread
        // runs again, and "down" must refuse the very next connection
        acceptor = Thread.ofPlatform().daemon().name(name() + "-accept").start(() -> accept(socket));
    }

    private synchronized void stopListening() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            closeQuietly(s);
            try {
                acceptor.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                if (socket.isClosed()) {
                    connection.close(); // accepted as the acquirer went down
                    continue;
                }
                connection.setTcpNoDelay(true);
                connections.add(connection);
                // a platform thread per connection (there are few): it is never parked behind busy virtual threads
                Thread.ofPlatform().daemon().name(name() + "-connection").start(() -> serve(connection));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("{}: accept failed: {}", name(), e.toString());
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            // buffered: a frame's length prefix and body arrive in one read, not one system call per byte
            InputStream in = new java.io.BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                byte[] frame = Framing.read(in);
                IsoMessage request;
                try {
                    request = codec.decode(frame);
                } catch (Iso8583FormatException e) {
                    if (!e.headerReadable() || !Mti.isRequest(e.mti())) {
                        log.warn("{}: unreadable message, closing the connection: {}", name(), e.getMessage());
                        return;
                    }
                    log.warn("{}: {}; answering format error", name(), e.getMessage());
                    send(out, codec.newMessage(Mti.responseTo(e.mti())), ResponseCode.FORMAT_ERROR);
                    continue;
                }
                ChannelSettings now = settings;
                if (now.mode() == Mode.LATE_APPROVE || now.latencyMs() > 0) {
                    // answers that wait must not hold up the others on this connection
                    Thread.ofVirtual().name(name() + "-request").start(() -> respond(request, out));
                } else {
                    respond(request, out);
                }
            }
        } catch (EOFException | SocketException e) {
            log.debug("{}: connection closed: {}", name(), e.toString());
        } catch (IOException e) {
            log.warn("{}: closing the connection: {}", name(), e.getMessage());
        } finally {
            connections.remove(connection);
        }
    }

    private void respond(IsoMessage request, OutputStream out) {
        ChannelSettings now = settings;
        if (now.mode() == Mode.TIMEOUT) {
            log.info("{}: {} swallowed (mode timeout)", name(), describe(request));
            return;
        }
        Optional<IsoMessage> answer;
        if (now.mode() == Mode.ERROR || ThreadLocalRandom.current().nextDouble() < now.errorRate()) {
            answer = Optional.of(acquirer.answer(request, ResponseCode.SYSTEM_ERROR));
        } else {
            answer = acquirer.handle(request);
        }
        if (answer.isEmpty()) {
            log.info("{}: {} never answered", name(), describe(request));
            return;
        }
        long delay = now.mode() == Mode.LATE_APPROVE && now.latencyMs() == 0 ? LATE_ANSWER_MS : now.latencyMs();
        try {
            if (delay > 0) {
                Thread.sleep(delay);
            }
            send(out, answer.get(), null);
            if (log.isDebugEnabled()) {
                log.debug("{}: {} answered {}", name(), describe(request), Iso8583Codec.get(answer.get(), Field.RESPONSE_CODE));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.info("{}: {} could not be answered: {}", name(), describe(request), e.toString());
        }
    }

    /** A request as logs name it: type, STAN and our reference, never card data. */
    private static String describe(IsoMessage request) {
        return Mti.text(request.getType()) + " stan " + Iso8583Codec.get(request, Field.STAN) + " ref "
                + Iso8583Codec.get(request, Field.REFERENCE);
    }

    private void send(OutputStream out, IsoMessage response, String responseCode) throws IOException {
        if (responseCode != null) {
            Iso8583Codec.set(response, Field.RESPONSE_CODE, responseCode);
        }
        byte[] bytes = codec.encode(response);
        synchronized (out) {
            Framing.write(out, bytes);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopListening();
        for (Socket s : connections) {
            closeQuietly(s);
        }
    }

    boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
