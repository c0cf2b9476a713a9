package io.huitong.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One merchant's payments written straight into the scratch database with SQL ({@code generate_series}), as the
 * payments core writes its rows: ids that sort by creation time ({@code pay_} + 10 Crockford base32 characters of the
 * millisecond + 16 of a serial), amounts within the payment table's check (refunded at most received, received at
 * most the amount), a status mix of a busy merchant (88 % succeeded, 7 % failed, 2 % canceled, 1 % each
 * requires_action, processing, requires_capture), methods (card 55 %, qr 20 %, bank_transfer 10 %, ecny 10 %,
 * payment_code 5 %) with a card's brand and last four digits or a payer account's last four, a 0.6 % fee on what
 * succeeded, and a refund of half the amount for one succeeded payment in 30 (its refund row too). Creation times are
 * spread evenly over the last {@code days} days up to now; {@code updated_at} is the time of the load (the rows were
 * written then), so the overview's rollup sees every hour as changed and rolls it.
 */
final class ConsolesData {

    private static final String ID_FUNCTION = """
            create function bench_id(prefix text, ms bigint, serial bigint) returns text language sql immutable as $$
              select prefix || '_'
                || (select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> (5 * (9 - i))) & 31)::int + 1, 1), '' order by i)
                    from generate_series(0, 9) i)
                || (select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((serial >> (5 * (15 - i))) & 31)::int + 1, 1), '' order by i)
                    from generate_series(0, 15) i)
            $$""";

    private static final String PAYMENTS = """
            insert into payment (id, merchant_id, amount, currency, status, capture_method, amount_capturable, amount_received,
                                 amount_refunded, fee, method_type, card_brand, card_last4, card_exp_month, card_exp_year, channel,
                                 authorization_code, failure_code, failure_message, description, metadata, resolve_attempts, created_at,
                                 updated_at, payer_last4, channel_reference, risk_decision, risk_score, risk_reasons)
            select bench_id('pay', (extract(epoch from created_at) * 1000)::bigint, g), ?, amount, 'CNY', status, 'automatic',
                   case when status = 'requires_capture' then amount else 0 end,
                   case when status = 'succeeded' then amount else 0 end,
                   case when status = 'succeeded' and g % 30 = 0 then amount / 2 else 0 end,
                   case when status = 'succeeded' then amount * 6 / 1000 else 0 end,
                   method,
                   case when method = 'card' then (array['visa', 'mastercard', 'unionpay'])[1 + g % 3] end,
                   case when method = 'card' then lpad((g % 10000)::text, 4, '0') end,
                   case when method = 'card' then 12 end,
                   case when method = 'card' then 2030 end,
                   case method when 'card' then 'acq_a' when 'qr' then 'walletpay' when 'bank_transfer' then 'bank'
                               when 'ecny' then 'ecny' else 'wallet' end,
                   case when method = 'card' and status in ('succeeded', 'requires_capture') then lpad((g % 1000000)::text, 6, '0') end,
                   case when status = 'failed' then 'card_declined' end,
                   case when status = 'failed' then 'The card was declined.' end,
                   'Order ' || g,
                   '{"order_id":"ORD-' || g || '"}',
                   0, created_at, now(),
                   case when method in ('bank_transfer', 'ecny') then lpad((g % 10000)::text, 4, '0') end,
                   case when method <> 'card' then 'CH' || g end,
                   'allow', (g % 20)::int, ''
            from (
                select g,
                       now() - (? * interval '1 day') * ((? - g)::double precision / ?) as created_at,
                       (100 + floor(power(((g * 7919) % 10007) / 10007.0, 3) * 200000))::bigint as amount,
                       case when g % 100 < 88 then 'succeeded' when g % 100 < 95 then 'failed' when g % 100 < 97 then 'canceled'
                            when g % 100 = 97 then 'requires_action' when g % 100 = 98 then 'processing' else 'requires_capture' end as status,
                       case when (g / 7) % 20 < 11 then 'card' when (g / 7) % 20 < 15 then 'qr' when (g / 7) % 20 < 17 then 'bank_transfer'
                            when (g / 7) % 20 < 19 then 'ecny' else 'payment_code' end as method
                from generate_series(1::bigint, ?::bigint) g
            ) s""";

    private static final String REFUNDS = """
            insert into refund (id, merchant_id, payment_id, amount, currency, status, reason, channel, resolve_attempts, created_at, updated_at)
            select bench_id('re', (extract(epoch from created_at) * 1000)::bigint + 3600000, row_number() over ()), merchant_id, id,
                   amount_refunded, currency, 'succeeded', 'requested_by_customer', channel, 0,
                   created_at + interval '1 hour', now()
            from payment where merchant_id = ? and amount_refunded > 0""";

    private ConsolesData() {
    }

    /** Writes {@code payments} payments of {@code merchantId} over the last {@code days} days; answers how many refunds. */
    static int load(Connection c, String merchantId, int payments, int days) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ID_FUNCTION);
        }
        try (PreparedStatement p = c.prepareStatement(PAYMENTS)) {
            p.setString(1, merchantId);
            p.setInt(2, days);
            p.setInt(3, payments);
            p.setInt(4, payments);
            p.setInt(5, payments);
            p.executeUpdate();
        }
        int refunds;
        try (PreparedStatement p = c.prepareStatement(REFUNDS)) {
            p.setString(1, merchantId);
            refunds = p.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("drop function bench_id(text, bigint, bigint)");
            s.execute("analyze payment");
            s.execute("analyze refund");
        }
        return refunds;
    }
}
