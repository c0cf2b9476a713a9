package io.huitong.aml;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The reports, newest first; every filter is optional. */
public interface AmlReports {

    Page<AmlReport> list(String type, LocalDate businessDay, String customer, PageRequest page);

    Optional<AmlReport> find(String id);

    /** Every report the filters select (at most {@code limit}), newest first, for an export. */
    List<AmlReport> export(String type, LocalDate businessDay, String customer, int limit);

    /** Evaluates every movement recorded and not evaluated yet; answers how many were. */
    int catchUp();
}
