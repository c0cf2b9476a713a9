package io.huitong.consumers.internal;

import io.huitong.consumers.Notice;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Consumers' notices ({@code consumer_notice}): written in the caller's transaction, listed newest first. */
final class Notices {

    static final String SIGN_UP_ATTEMPT = "sign_up_attempt";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final Ids ids;

    Notices(JdbcClient jdbc, Ids ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    /** Tells the owner of {@code phone}, if it has an account, that someone tried to sign up with it. */
    void signUpAttempt(String phone, Instant at) {
        jdbc.sql("insert into consumer_notice (id, user_id, kind, message, created_at) select ?, id, ?, ?, ? from consumer where phone = ?")
                .params(ids.next("ntc"), SIGN_UP_ATTEMPT, "Someone tried to sign up with your phone number on " + WHEN.format(at)
                        + ". If it was you, log in instead; if it was not, nothing about your account changed.", DbTimes.at(at), phone)
                .update();
    }

    Page<Notice> of(String userId, PageRequest page) {
        PageRequest.Query q = page.byId("select id, kind, message, created_at from consumer_notice", "user_id = ?", List.of(userId), "id");
        return Page.fromRows(jdbc.sql(q.sql()).params(q.params())
                .query((rs, i) -> new Notice(rs.getString(1), "notice", rs.getString(2), rs.getString(3), DbTimes.instant(rs, 4))).list(), page);
    }
}
