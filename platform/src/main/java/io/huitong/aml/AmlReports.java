package io.huitong.aml;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reports, newest first; every filter is optional. */
public interface AmlReports {

    default Page<AmlReport> list(String type, LocalDate businessDay, String customer, PageRequest page) {
        return list(AmlReportQuery.of(type, businessDay, customer), page);
    }

    Page<AmlReport> list(AmlReportQuery query, PageRequest page);

    Optional<AmlReport> find(String id);

    /** Every report the filters select (at most {@code limit}), newest first, for an export. */
    List<AmlReport> export(String type, LocalDate businessDay, String customer, int limit);

    /** The rules reports are made under, by type ({@link AmlReport#LARGE_VALUE}, {@link AmlReport#SUSPICIOUS}), in a fixed order. */
    Map<String, List<String>> rules();

    /** Evaluates every movement recorded and not evaluated yet; answers how many were. */
    int catchUp();
}
