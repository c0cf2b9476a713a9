package io.huitong.insights;

import java.util.List;

/** One page of a payment search, newest first; {@code hasMore}: more rows follow after the last one. */
public record PaymentPage(List<PaymentRow> data, boolean hasMore) {

    public PaymentPage {
        data = List.copyOf(data);
    }

    /** The id to ask the next page {@code startingAfter}, or null when this is the last page. */
    public String nextStartingAfter() {
        return hasMore && !data.isEmpty() ? data.getLast().id() : null;
    }
}
