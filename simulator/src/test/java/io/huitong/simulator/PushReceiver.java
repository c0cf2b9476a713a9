package io.huitong.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/** A loopback server standing in for the platform's {@code /notify/bank}: keeps each push the bank sends, its signature and body. */
final class PushReceiver implements AutoCloseable {

    /** Each push: its {@code Signature} header and its body, in the order they came. */
    final LinkedBlockingQueue<Map.Entry<String, byte[]>> pushes = new LinkedBlockingQueue<>();
    private final HttpServer server;

    private PushReceiver(HttpServer server) {
        this.server = server;
    }

    static PushReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        PushReceiver receiver = new PushReceiver(server);
        server.createContext("/notify/bank", exchange -> {
            try (exchange) {
                receiver.pushes.add(Map.entry(String.valueOf(exchange.getRequestHeaders().getFirst("Signature")),
                        exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        return receiver;
    }

    /** Where the bank is told to push ({@code Notify-Url}). */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/bank";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
