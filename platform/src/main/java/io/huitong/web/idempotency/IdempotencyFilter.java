package io.huitong.web.idempotency;

import io.huitong.identity.ApiPrincipal;
import io.huitong.web.security.Callers;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.web.error.ErrorResponses;
import io.huitong.web.request.RequestBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * docs/api.md "Idempotency" for every {@code POST}: the same caller, key and request gets the first response
 * replayed; a different request under the same key gets 422; a second attempt while the first runs gets
 * 409. It runs after authentication, because keys belong to a caller. Its own 400/409/422 answers are
 * never stored, and neither is a 5xx, so a retry after our failure runs again.
 *
 * <p>Unauthenticated POSTs (sign-up, log-in) are not deduplicated: without a caller there is no scope
 * that would keep one client's replay away from another.
 */
final class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final RequestFingerprint fingerprints;
    private final LeaseKeeper leases;
    private final ErrorResponses errors;

    IdempotencyFilter(IdempotencyStore store, RequestFingerprint fingerprints, LeaseKeeper leases, ErrorResponses errors) {
        this.store = store;
        this.fingerprints = fingerprints;
        this.leases = leases;
        this.errors = errors;
    }

    /**
     * Creating a payment keeps its key in the payment's own row, claimed by the insert that records the intent, and
     * its answer with the outcome (see {@code PaymentController}): the money path does not pay for idempotency twice.
     */
    static final String PAYMENTS = "/v1/payments";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null || PAYMENTS.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            errors.write(request, response, ApiException.invalid(HEADER, "Idempotency-Key must be 1 to 255 characters."));
            return;
        }
        ApiPrincipal caller = Callers.current();
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        RequestFingerprint.Presented fingerprint = fingerprints.of(request.getMethod(), pathAndQuery(request), RequestBodies.of(request));
        switch (store.claim(caller.scope(), key, fingerprint)) {
            case Claim.Run run -> run(run.ticket(), request, response, chain);
            case Claim.Replay replay -> replay(replay.response(), response);
            case Claim.InUse inUse -> errors.write(request, response, new ApiException(409, ErrorType.IDEMPOTENCY_ERROR,
                    "idempotency_key_in_use", "A request with this Idempotency-Key is still being processed. Retry later.", HEADER));
            case Claim.Reused reused -> errors.write(request, response, new ApiException(422, ErrorType.IDEMPOTENCY_ERROR,
                    "idempotency_key_reused", "This Idempotency-Key was already used for a different request.", HEADER));
        }
    }

    private void run(Claim.Ticket ticket, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CapturingResponse captured = new CapturingResponse(response);
        try (LeaseKeeper.Renewal renewal = leases.keep(ticket)) {
            chain.doFilter(request, captured);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            releaseQuietly(ticket);
            throw e;
        }
        finish(ticket, captured);
        captured.copyBodyToResponse();
    }

    // The response goes out even when recording it fails: the work is done, and the caller deserves its
    // answer. The key then stays in flight until its lease ends and a retry takes it over.
    private void finish(Claim.Ticket ticket, CapturingResponse captured) {
        try {
            if (!captured.storable()) {
                store.release(ticket);
            } else if (!store.complete(ticket, captured.toStored())) {
                log.warn("Idempotency key of {} was taken over before its first request finished", ticket.scope());
            }
        } catch (RuntimeException e) {
            log.error("Could not record the outcome of an idempotent request", e);
        }
    }

    private void releaseQuietly(Claim.Ticket ticket) {
        try {
            store.release(ticket);
        } catch (RuntimeException e) {
            log.error("Could not release an idempotency key after a failed request", e);
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String pathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }
}
