package io.huitong.simulator;

import io.huitong.protocols.statements.WalletBill;
import io.huitong.protocols.walletpay.WalletPay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wallet operator's bill downloads: {@code data.bill.downloadurl.query} hands out a link that serves one app's
 * bill of one date for {@link #VALID}, as the operators' open platforms do, so that the bill itself needs no
 * signature: only the app that asked knows the link.
 */
final class WalletPayBills {

    static final Duration VALID = Duration.ofMinutes(30);

    private record Download(String appId, LocalDate date, Instant until) {
    }

    private final ChannelStatement<WalletBill.Line> statement;
    private final Clock clock;
    private final Map<String, Download> downloads = new ConcurrentHashMap<>();

    WalletPayBills(ChannelStatement<WalletBill.Line> statement, Clock clock) {
        this.statement = statement;
        this.clock = clock;
    }

    /** A link to the app's bill of {@code date}, under the operator's {@code baseUrl}. */
    String downloadUrl(String baseUrl, String appId, LocalDate date) {
        Instant now = clock.instant();
        downloads.values().removeIf(d -> d.until().isBefore(now));
        String token = UUID.randomUUID().toString().replace("-", "");
        downloads.put(token, new Download(appId, date, now.plus(VALID)));
        return baseUrl + WalletPay.BILLS_PATH + token;
    }

    /** Answers a {@code GET} of a link: the bill as it stands now, faults planted in it included. */
    void serve(String token, HttpOperator.Answer answer) throws IOException {
        Download d = downloads.get(token);
        if (d == null || d.until().isBefore(clock.instant())) {
            answer.send(404, Map.of(), "text/plain; charset=utf-8", "no such bill, or its link expired".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] bill;
        try {
            bill = statement.bytes(d.date(), d.appId());
        } catch (IllegalArgumentException e) {
            answer.send(409, Map.of(), "text/plain; charset=utf-8", e.getMessage().getBytes(StandardCharsets.UTF_8));
            return;
        }
        answer.send(200, Map.of("Content-Disposition", "attachment; filename=\"" + statement.fileName(d.date()) + "\""), statement.contentType(), bill);
    }
}
