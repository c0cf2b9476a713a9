package io.huitong.channels.iso8583;

import com.solab.iso8583.IsoMessage;
import io.huitong.protocols.iso8583.Field;
import io.huitong.protocols.iso8583.Framing;
import io.huitong.protocols.iso8583.Iso8583Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP link to one acquirer: a single persistent connection carrying any number of requests at
 * once, answers matched to requests by STAN (field 11). The connection is opened on first use and
 * opened anew after it broke; a frame the link cannot read closes it, since nothing after a bad frame
 * can be trusted to be aligned.
 *
 * <p>The distinction this class exists for: a request that never reached the wire is
 * {@link Exchange.NotSent} (the acquirer did nothing), one that was written and got no answer is
 * {@link Exchange.Lost} (the acquirer may have acted).
 */
final class AcquirerLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AcquirerLink.class);

    private final String name;
    private final InetSocketAddress address;
    private final Duration connectTimeout;
    private final Iso8583Codec codec;
    private Connection current; // guarded by this
    private boolean closed; // guarded by this

    AcquirerLink(String name, String host, int port, Duration connectTimeout, Iso8583Codec codec) {
        this.name = name;
        this.address = InetSocketAddress.createUnresolved(host, port);
        this.connectTimeout = connectTimeout;
        this.codec = codec;
    }

    /** Sends a request carrying {@code stan} and waits up to {@code timeout} for its answer. */
    Exchange send(IsoMessage request, String stan, Duration timeout) {
        byte[] bytes = codec.encode(request);
        Connection connection = null;
        // a connection that sat idle may have been closed by the acquirer meanwhile: one fresh try then
        for (int attempt = 0; attempt < 2; attempt++) {
            boolean reused;
            try {
                synchronized (this) {
                    reused = current != null && current.open();
                }
                connection = connection();
            } catch (IOException e) {
                return new Exchange.NotSent("cannot connect to " + name + ": " + e.getClass().getSimpleName());
            }
            CompletableFuture<IsoMessage> answer = connection.expect(stan);
            try {
                connection.write(bytes);
                return await(connection, stan, answer, timeout);
            } catch (IOException e) {
                connection.fail(e);
                if (!reused) {
                    return new Exchange.NotSent("connection to " + name + " failed before the request was written: " + e.getClass().getSimpleName());
                }
            }
        }
        return new Exchange.NotSent("connection to " + name + " failed before the request was written");
    }

    private Exchange await(Connection connection, String stan, CompletableFuture<IsoMessage> answer, Duration timeout) {
        try {
            return new Exchange.Reply(answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            connection.forget(stan);
            return new Exchange.Lost("no answer from " + name + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Exchange.Lost("connection to " + name + " lost after the request was written");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.forget(stan);
            return new Exchange.Lost("interrupted while waiting for " + name);
        }
    }

    private synchronized Connection connection() throws IOException {
        if (closed) {
            throw new IOException("link closed");
        }
        if (current == null || !current.open()) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), (int) connectTimeout.toMillis());
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            current = new Connection(socket);
            log.debug("{}: connected to {}", name, address);
        }
        return current;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.fail(new IOException("link closed"));
        }
    }

    /** One TCP connection and the answers it still owes. */
    private final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final Map<String, CompletableFuture<IsoMessage>> pending = new ConcurrentHashMap<>();
        private volatile boolean open = true;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            // a platform thread: every answer on this connection passes through it, so it must not wait for
            // a carrier behind busy virtual threads
            Thread.ofPlatform().daemon().name(name + "-iso8583-reader").start(this::read);
        }

        boolean open() {
            return open;
        }

        CompletableFuture<IsoMessage> expect(String stan) {
            CompletableFuture<IsoMessage> answer = new CompletableFuture<>();
            pending.put(stan, answer);
            if (!open) {
                answer.completeExceptionally(new IOException("connection closed"));
            }
            return answer;
        }

        void forget(String stan) {
            pending.remove(stan);
        }

        void write(byte[] bytes) throws IOException {
            if (!open) {
                throw new IOException("connection closed");
            }
            synchronized (out) {
                Framing.write(out, bytes);
            }
        }

        private void read() {
            try {
                // buffered: a frame's length prefix and body arrive in one read, not one system call per byte
                java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                while (open) {
                    IsoMessage message = codec.decode(Framing.read(in));
                    String stan = Iso8583Codec.get(message, Field.STAN);
                    if (stan == null) {
                        throw new IOException("an answer without a STAN");
                    }
                    CompletableFuture<IsoMessage> answer = pending.remove(stan);
                    if (answer == null) {
                        log.info("{}: late or unexpected answer for STAN {} ignored", name, stan);
                    } else {
                        answer.complete(message);
                    }
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        /** Closes the connection; every request still waiting on it learns its answer is lost. */
        void fail(IOException cause) {
            if (open) {
                log.info("{}: connection closed: {}", name, cause.getMessage());
            }
            open = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
            pending.values().forEach(f -> f.completeExceptionally(cause));
            pending.clear();
        }
    }
}
