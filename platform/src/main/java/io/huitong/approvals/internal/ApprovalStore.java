package io.huitong.approvals.internal;

import io.huitong.approvals.Approval;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Approvals and their votes in the database; each approval is read together with its votes. */
final class ApprovalStore {

    private static final String COLUMNS = "id, action, object_type, object_id, requested_by, approver_roles, required, status, details,"
            + " created_at, decided_at";
    private static final String APPROVE = "approve";
    private static final String REJECT = "reject";
    private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ApprovalStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The JSON text of details as it will be kept; too large or not serializable is the requester's bug. */
    String detailsJson(Map<String, Object> details, int maxLength) {
        String text;
        try {
            text = json.writeValueAsString(details);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("approval details must be serializable as JSON", e);
        }
        if (text.length() > maxLength) {
            throw new IllegalArgumentException("approval details must be at most " + maxLength + " characters of JSON");
        }
        return text;
    }

    void insert(Approval a, String detailsJson) {
        jdbc.sql("insert into approval (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.id(), a.action(), a.objectType(), a.objectId(), a.requestedBy(), roles(a.approverRoles()), a.required(), a.status(),
                        detailsJson, DbTimes.at(a.createdAt()), DbTimes.at(a.decidedAt()))
                .update();
    }

    Optional<Approval> find(String id, boolean lock) {
        return jdbc.sql("select " + COLUMNS + " from approval where id = ?" + (lock ? " for update" : "")).param(id)
                .query(this::row).optional().map(this::withVotes);
    }

    Optional<Approval> latestFor(String objectType, String objectId) {
        return jdbc.sql("select " + COLUMNS + " from approval where object_type = ? and object_id = ? order by id desc limit 1")
                .params(objectType, objectId).query(this::row).optional().map(this::withVotes);
    }

    Page<Approval> list(String status, PageRequest page) {
        PageRequest.Query q = status == null
                ? page.byId("select " + COLUMNS + " from approval", "", List.of(), "id")
                : page.byId("select " + COLUMNS + " from approval", "status = ?", List.of(status), "id");
        List<Approval> rows = jdbc.sql(q.sql()).params(q.params()).query(this::row).list();
        return Page.fromRows(withVotes(rows), page);
    }

    /** Adds the vote; a second vote of the same operator breaks the primary key (DuplicateKeyException). */
    void insertVote(String approvalId, Ballot.Choice choice, Approval.Vote vote) {
        jdbc.sql("insert into approval_vote (approval_id, operator, vote, note, created_at) values (?, ?, ?, ?, ?)")
                .params(approvalId, vote.operator(), choice == Ballot.Choice.APPROVE ? APPROVE : REJECT, vote.note(), DbTimes.at(vote.at()))
                .update();
    }

    void decide(Approval decided) {
        jdbc.sql("update approval set status = ?, decided_at = ? where id = ? and status = ?")
                .params(decided.status(), DbTimes.at(decided.decidedAt()), decided.id(), Approval.PENDING).update();
    }

    private Approval withVotes(Approval a) {
        return withVotes(List.of(a)).getFirst();
    }

    /** One query for the votes of every approval of a page. */
    private List<Approval> withVotes(List<Approval> approvals) {
        if (approvals.isEmpty()) {
            return approvals;
        }
        List<String> ids = approvals.stream().map(Approval::id).toList();
        Map<String, List<VoteRow>> votes = jdbc.sql("select approval_id, operator, vote, note, created_at from approval_vote where approval_id in ("
                        + ids.stream().map(i -> "?").collect(Collectors.joining(", ")) + ") order by created_at, operator")
                .params(ids)
                .query((rs, n) -> new VoteRow(rs.getString(1), rs.getString(3),
                        new Approval.Vote(rs.getString(2), rs.getString(4), DbTimes.instant(rs, 5))))
                .list().stream().collect(Collectors.groupingBy(VoteRow::approvalId));
        List<Approval> out = new ArrayList<>(approvals.size());
        for (Approval a : approvals) {
            List<VoteRow> mine = votes.getOrDefault(a.id(), List.of());
            List<Approval.Vote> approved = mine.stream().filter(v -> v.kind().equals(APPROVE)).map(VoteRow::vote).toList();
            Approval.Vote rejection = mine.stream().filter(v -> v.kind().equals(REJECT)).map(VoteRow::vote).findFirst().orElse(null);
            out.add(new Approval(a.id(), a.action(), a.objectType(), a.objectId(), a.requestedBy(), a.approverRoles(), a.required(),
                    a.status(), approved, rejection, a.details(), a.createdAt(), a.decidedAt()));
        }
        return out;
    }

    private record VoteRow(String approvalId, String kind, Approval.Vote vote) {
    }

    private Approval row(ResultSet rs, int n) throws SQLException {
        return new Approval(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), roles(rs.getString(6)),
                rs.getInt(7), rs.getString(8), List.of(), null, json.readValue(rs.getString(9), DETAILS), DbTimes.instant(rs, 10),
                DbTimes.instant(rs, 11));
    }

    private static String roles(Collection<OperatorRole> roles) {
        return roles.stream().sorted().map(OperatorRole::wireName).collect(Collectors.joining(","));
    }

    private static Set<OperatorRole> roles(String joined) {
        Set<OperatorRole> roles = EnumSet.noneOf(OperatorRole.class);
        if (joined != null && !joined.isEmpty()) {
            Arrays.stream(joined.split(",")).map(r -> OperatorRole.fromWire(r).orElseThrow()).forEach(roles::add);
        }
        return roles;
    }
}
