package io.huitong.settlement;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.time.LocalDate;
import java.util.Optional;

/** Settlement runs: each business day by themselves, and on an operator's demand. */
public interface SettlementRuns {

    /**
     * Starts a run for a business date (today in Asia/Shanghai when null; never in the future), over every merchant or
     * one; answers at once with the run {@code running}, which goes on in the background.
     */
    SettlementRun start(LocalDate businessDate, String merchantId, String requestedBy);

    Optional<SettlementRun> find(String runId);

    Page<SettlementRun> list(PageRequest page);
}
