package io.huitong.web.error;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.web.request.RequestIds;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The servlet container's answer to a request it refuses before any filter or handler sees it (an encoded NUL, an
 * invalid percent-encoding, an encoded slash or dot segment in the path, a control character in a header): the
 * contract's error shape with a {@code req_...} id, instead of the container's HTML page. Errors of requests that
 * reached the application already carry that shape, and are left as they are.
 */
public final class ContainerErrorValve extends ErrorReportValve {

    private static final Ids IDS = new Ids(Clock.systemUTC());

    public ContainerErrorValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ApiException error = status == 400
                ? new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "invalid_request", "The request's URL or headers are malformed: "
                + "an encoded NUL, an invalid percent-encoding, an encoded slash or dot segment, or a control character.", null)
                : ErrorCodes.forStatus(status);
        String id = IDS.next("req");
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(RequestIds.HEADER, id);
            Writer writer = response.getReporter();
            if (writer != null) {
                // every part is ours: a fixed code and message and a generated id, nothing from the request
                writer.write("{\"error\":{\"type\":\"" + error.type().wireName() + "\",\"code\":\"" + error.code() + "\",\"message\":\""
                        + error.getMessage() + "\",\"param\":null,\"request_id\":\"" + id + "\"}}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away: nothing to answer
        }
    }
}
