package io.huitong.reconciliation;

import java.io.InputStream;
import java.time.LocalDate;

/**
 * Where channels' statements come from when reconciliation fetches them: the channel simulator's statement API by
 * default. A connector that downloads a real channel's files (SFTP, the operator's bill API) replaces it by being a
 * bean of this type.
 */
public interface StatementSource {

    /**
     * The channel's statement of the business date, as a stream the caller reads once and closes.
     *
     * @throws StatementUnavailable when the channel publishes no statement, or can't be reached
     */
    InputStream open(String channel, LocalDate businessDate);

    /** The statement could not be had: {@code missing} when the channel has none to give, else the channel failed. */
    final class StatementUnavailable extends RuntimeException {

        private final boolean missing;

        public StatementUnavailable(String message, boolean missing, Throwable cause) {
            super(message, cause);
            this.missing = missing;
        }

        public boolean missing() {
            return missing;
        }
    }
}
