package io.huitong.risk.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.risk.ReviewedMovements;
import io.huitong.risk.RiskAdmin.ReviewCase;
import io.huitong.risk.RiskAdmin.ReviewDetail;
import io.huitong.risk.RiskDecision;
import io.huitong.risk.RiskRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The manual review queue: a movement held for review opens a case; an analyst looks at it (recorded), then approves or
 * rejects it, and the module that holds the movement ({@link ReviewedMovements}) carries the verdict out. A case is
 * decided once.
 */
final class RiskReviews {

    private final RiskStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    private final Supplier<List<ReviewedMovements>> reviewed;

    RiskReviews(RiskStore store, TransactionTemplate tx, Clock clock, Ids ids, Supplier<List<ReviewedMovements>> reviewed) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.reviewed = reviewed;
    }

    void open(RiskRequest request, RiskDecision decision) {
        String id = ids.next("rvw");
        Instant now = now();
        store.insertReview(new ReviewCase(id, request.reference(), request.kind(), request.merchantId(), request.userId(), request.amount(),
                request.currency(), decision.score(), decision.reasons(), "open", null, null, now), decision.cardFingerprint());
        store.insertReviewAction(ids.next("rva"), id, "opened", "system", String.join(",", decision.reasons()), now);
    }

    io.huitong.kernel.Page<ReviewCase> reviews(String status, io.huitong.kernel.PageRequest page) {
        if (status != null && !List.of("open", "approved", "rejected").contains(status)) {
            throw ApiException.invalid("status", "status must be open, approved or rejected");
        }
        return store.reviews(status, page);
    }

    ReviewDetail review(String id, String operator) {
        ReviewCase c = store.review(id, false).orElseThrow(() -> ApiException.notFound("review", id));
        store.insertReviewAction(ids.next("rva"), id, "viewed", operator, null, now());
        String fingerprint = store.reviewCardFingerprint(id).orElse(null);
        return new ReviewDetail(c, store.reviewActions(id), store.history(fingerprint, c.userId(), c.reference(), 20));
    }

    ReviewCase verdict(String id, String operator, String note, boolean approve) {
        if (note != null && note.length() > 500) {
            throw ApiException.invalid("note", "note must be at most 500 characters");
        }
        ReviewCase c = store.review(id, false).orElseThrow(() -> ApiException.notFound("review", id));
        if (!c.status().equals("open")) {
            throw ApiException.conflict("review_closed", "This review is " + c.status() + " already.");
        }
        ReviewedMovements handler = reviewed.get().stream().filter(h -> h.handles(c.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("nothing carries out reviews of " + c.kind()));
        if (approve) {
            handler.approve(c.reference());
        } else {
            handler.reject(c.reference());
        }
        String status = approve ? "approved" : "rejected";
        return tx.execute(s -> {
            ReviewCase current = store.review(id, true).orElseThrow();
            if (!current.status().equals("open")) {
                throw ApiException.conflict("review_closed", "This review is " + current.status() + " already.");
            }
            Instant now = now();
            store.decideReview(id, status, operator, now);
            store.insertReviewAction(ids.next("rva"), id, approve ? "approved" : "rejected", operator, note, now);
            return store.review(id, false).orElseThrow();
        });
    }

    private Instant now() {
        return DbTimes.now(clock);
    }
}
