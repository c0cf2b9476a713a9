package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Money;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.Resolution;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Money a payer paid after their payment had failed or was canceled here (the order expired as they paid it) goes
 * back to them through the channel that took it. {@link #record} writes the return in the transaction that found the
 * late payment; {@link #finishDue} carries it out at the channel, and retries with growing pauses until the channel
 * answers. The return's reference is {@code ret_} and the payment's id, so asking twice returns once.
 */
class GiveBacks {

    private static final Logger log = LoggerFactory.getLogger(GiveBacks.class);
    private static final String PENDING = "pending";

    private final JdbcClient jdbc;
    private final OrderChannelBook channels;
    private final TransactionTemplate tx;
    private final Clock clock;

    GiveBacks(JdbcClient jdbc, OrderChannelBook channels, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.tx = tx;
        this.clock = clock;
    }

    static String reference(String paymentId) {
        return "ret_" + paymentId.substring("pay_".length());
    }

    /** Writes the return of {@code amount} paid late at {@code channel}, in the caller's transaction; once per payment. */
    void record(PaymentRecord payment, String channel, Money amount, String channelReference) {
        Instant now = DbTimes.now(clock);
        int written = jdbc.sql("insert into payment_give_back (id, payment_id, channel, amount, currency, channel_reference, status,"
                        + " resolve_after, resolve_attempts, created_at, updated_at)"
                        + " select ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ? where not exists (select 1 from payment_give_back where id = ?)")
                .params(reference(payment.id()), payment.id(), channel, amount.amount(), amount.currency(), channelReference, PENDING,
                        DbTimes.at(now), DbTimes.at(now), DbTimes.at(now), reference(payment.id()))
                .update();
        if (written == 1) {
            log.warn("Payment {} is {} but its order was paid at {}; the money goes back to the payer as {}", payment.id(),
                    payment.status().wireName(), channel, reference(payment.id()));
        }
    }

    /** Carries out the returns that are due; answers how many were finished. */
    int finishDue(int max) {
        List<String> due = jdbc.sql("select id from payment_give_back where status = ? and resolve_after <= ? order by resolve_after limit ?")
                .params(PENDING, DbTimes.at(DbTimes.now(clock)), max).query(String.class).list();
        int finished = 0;
        for (String id : due) {
            try {
                finished += finish(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Could not give back {} yet: {}", id, e.toString());
            }
        }
        return finished;
    }

    private record Row(String id, String paymentId, String channel, Money amount, Resolution resolution) {
    }

    private boolean finish(String id) {
        Row row = jdbc.sql("select id, payment_id, channel, amount, currency, resolve_after, resolve_attempts from payment_give_back"
                        + " where id = ? and status = ?")
                .params(id, PENDING)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), new Money(rs.getLong(4), rs.getString(5)),
                        new Resolution(DbTimes.instant(rs, 6), rs.getInt(7))))
                .optional().orElse(null);
        if (row == null) {
            return false;
        }
        ChannelResult result = channels.named(row.channel()).refund(row.id(), row.paymentId(), row.amount());
        Instant now = DbTimes.now(clock);
        return Boolean.TRUE.equals(tx.execute(s -> switch (result) {
            case ChannelResult.Approved approved -> settle(row, "returned", null, now);
            case ChannelResult.Declined declined -> {
                log.error("The channel {} refused to give back {} of payment {} ({}); an operator must return it", row.channel(),
                        row.amount(), row.paymentId(), declined.code());
                yield settle(row, "failed", declined.code(), now);
            }
            default -> {
                Resolution later = row.resolution().backedOff(now, null);
                jdbc.sql("update payment_give_back set resolve_after = ?, resolve_attempts = ?, updated_at = ? where id = ? and status = ?")
                        .params(DbTimes.at(later.after()), later.attempts(), DbTimes.at(now), row.id(), PENDING).update();
                yield false;
            }
        }));
    }

    private boolean settle(Row row, String status, String failureCode, Instant now) {
        return jdbc.sql("update payment_give_back set status = ?, failure_code = ?, resolve_after = null, updated_at = ? where id = ? and status = ?")
                .params(status, failureCode, DbTimes.at(now), row.id(), PENDING).update() == 1;
    }
}
