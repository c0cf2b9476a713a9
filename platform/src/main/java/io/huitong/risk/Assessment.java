package io.huitong.risk;

import java.util.List;

/**
 * A decision made on a movement and not yet written to the decision log: the caller writes it ({@link Risk#record})
 * in the transaction of the movement it decided, so that deciding costs the movement no commit of its own.
 *
 * @param id         the decision's id in the log ({@code rsd_...})
 * @param request    what was decided on
 * @param decision   the decision
 * @param dryRunHits the dry-run rules that matched, recorded apart
 */
public record Assessment(String id, RiskRequest request, RiskDecision decision, List<RiskAdmin.DryRunHit> dryRunHits) {

    public Assessment {
        dryRunHits = List.copyOf(dryRunHits);
    }
}
