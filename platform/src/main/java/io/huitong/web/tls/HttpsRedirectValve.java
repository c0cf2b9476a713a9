package io.huitong.web.tls;

import io.huitong.kernel.Ids;
import io.huitong.web.request.RequestIds;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * The plain HTTP port when HTTPS is on and {@code huitong.tls.redirect-http} keeps it open: a browser's {@code GET} or
 * {@code HEAD} is sent to the same address over HTTPS (301); any other request is refused (403, in the contract's
 * error shape) rather than redirected, so that a client that sends keys or payment data over plain HTTP fails visibly
 * instead of being quietly followed. Nothing that arrives on this port reaches the application. Requests on the HTTPS
 * port pass.
 */
final class HttpsRedirectValve extends ValveBase {

    private static final Ids IDS = new Ids(Clock.systemUTC());

    HttpsRedirectValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getConnector().getSecure()) {
            getNext().invoke(request, response);
            return;
        }
        String location = "https://" + host(request.getServerName()) + port(httpsPort(request.getConnector()))
                + request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            response.setHeader("Location", location);
            response.setStatus(301);
            return;
        }
        String id = IDS.next("req");
        response.setStatus(403);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(RequestIds.HEADER, id);
        // every part is ours: a fixed code and message and a generated id, nothing from the request
        response.getWriter().write("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"https_required\",\"message\":\""
                + "This platform answers over HTTPS only: send the request to its https:// address.\",\"param\":null,\"request_id\":\""
                + id + "\"}}");
    }

    /** The port of the HTTPS listener, once it is bound (a configured port of 0 is known only then). */
    private static int httpsPort(Connector plain) {
        for (Connector connector : plain.getService().findConnectors()) {
            if (connector.getSecure()) {
                return connector.getLocalPort() > 0 ? connector.getLocalPort() : connector.getPort();
            }
        }
        return plain.getRedirectPort();
    }

    private static String host(String serverName) {
        return serverName.indexOf(':') >= 0 && !serverName.startsWith("[") ? "[" + serverName + "]" : serverName;
    }

    private static String port(int port) {
        return port == 443 ? "" : ":" + port;
    }
}
