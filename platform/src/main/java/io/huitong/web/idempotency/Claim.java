package io.huitong.web.idempotency;

/** The outcome of presenting an idempotency key. */
sealed interface Claim {

    /** This request owns the key and runs; {@code ticket} proves it when finishing. */
    record Run(Ticket ticket) implements Claim {
    }

    record Replay(StoredResponse response) implements Claim {
    }

    /** Same key and request, still running elsewhere (409). */
    record InUse() implements Claim {
    }

    /** Same key, different request (422). */
    record Reused() implements Claim {
    }

    record Ticket(String scope, String key, String owner) {
    }
}
