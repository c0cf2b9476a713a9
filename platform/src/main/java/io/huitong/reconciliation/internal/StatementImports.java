package io.huitong.reconciliation.internal;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Ids;
import io.huitong.protocols.statements.StatementFormatException;
import io.huitong.reconciliation.StatementSource;
import io.huitong.reconciliation.domain.StatementExpectation;
import io.huitong.reconciliation.domain.StatementMismatch;
import io.huitong.reconciliation.domain.StatementRefusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a statement: checks the channel and date asked for (and, for the bank, our account), streams the file into
 * its lines in one transaction, then decides by the content's hash. The same content as the channel and date's current
 * reconciliation is that reconciliation: the transaction rolls back, nothing changes. Other content becomes the new
 * current reconciliation, superseding the last. Matching starts once it commits. A refusal (malformed, another channel's,
 * account's or date's) rolls everything back and answers a 400 naming the line.
 */
final class StatementImports {

    /** The first year a statement may be of: the calendar's, and no payment is older. */
    static final int FIRST_YEAR = 2000;

    private final ChannelDirectory channels;
    private final StatementImporter importer;
    private final ReconciliationStore store;
    private final MatchRunner runner;
    private final Supplier<StatementSource> source;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;

    StatementImports(ChannelDirectory channels, StatementImporter importer, ReconciliationStore store, MatchRunner runner,
                     Supplier<StatementSource> source, TransactionTemplate tx, Clock clock, Ids ids) {
        this.channels = channels;
        this.importer = importer;
        this.store = store;
        this.runner = runner;
        this.source = source;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
    }

    String fetch(String channel, LocalDate date, String requestedBy) {
        StatementExpectation expected = expect(channel, date);
        InputStream in;
        try {
            in = source.get().open(channel, date);
        } catch (StatementSource.StatementUnavailable e) {
            if (e.missing()) {
                throw ApiException.invalid("channel", e.getMessage());
            }
            throw new ApiException(503, ErrorType.API_ERROR, "statement_unavailable", e.getMessage(), null);
        }
        try (in) {
            return read(expected, in, requestedBy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String upload(String channel, LocalDate date, InputStream in, String requestedBy) {
        return read(expect(channel, date), in, requestedBy);
    }

    private StatementExpectation expect(String channel, LocalDate date) {
        if (channel == null || channel.isBlank()) {
            throw ApiException.missing("channel");
        }
        if (date == null) {
            throw ApiException.missing("business_date");
        }
        ChannelDirectory.Channel c = channels.find(channel).orElseThrow(() -> ApiException.invalid("channel",
                "No channel named '" + channel + "' delivers statements here (" + String.join(", ", channels.names()) + ")"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), Matcher.BUSINESS_ZONE);
        if (date.getYear() < FIRST_YEAR) {
            throw ApiException.invalid("business_date", "business_date must be " + FIRST_YEAR + "-01-01 or later");
        }
        if (date.isAfter(today)) {
            throw ApiException.invalid("business_date", "business_date may not be in the future (today is " + today + " in Asia/Shanghai)");
        }
        return new StatementExpectation(c.name(), date, c.format(), channels.account(c));
    }

    private String read(StatementExpectation expected, InputStream in, String requestedBy) {
        String id = ids.next("rec");
        String[] hash = new String[1];
        try {
            return tx.execute(s -> {
                StatementImporter.Imported imported = importer.read(id, expected, in);
                hash[0] = imported.contentHash();
                Instant now = DbTimes.now(clock);
                Optional<String[]> current = store.lockCurrent(expected.channel(), expected.businessDate());
                if (current.isPresent() && current.get()[1].equals(imported.contentHash())) {
                    s.setRollbackOnly();
                    return current.get()[0];
                }
                current.ifPresent(c -> store.supersede(c[0], id, now));
                store.insert(new ReconciliationStore.New(id, expected.channel(), expected.businessDate(), expected.format().wireName(),
                        imported.contentHash(), imported.lines(), imported.facts().balances(), requestedBy, now), current.map(c -> c[0]).orElse(null));
                runner.startAfterCommit(id);
                return id;
            });
        } catch (StatementFormatException | StatementMismatch | StatementRefusal e) {
            throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, e instanceof StatementMismatch ? "statement_mismatch" : "statement_invalid",
                    "The statement was refused, nothing was imported: " + e.getMessage(), "statement");
        } catch (UncheckedIOException e) {
            throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "statement_invalid",
                    "The statement could not be read to its end, nothing was imported.", "statement");
        } catch (DuplicateKeyException e) {
            // the same statement imported twice at once: the second answers the first
            Optional<String[]> first = tx.execute(s -> store.lockCurrent(expected.channel(), expected.businessDate()));
            if (first != null && first.isPresent() && first.get()[1].equals(hash[0])) {
                return first.get()[0];
            }
            throw ApiException.conflict("reconciliation_in_progress", "Another statement of " + expected.channel() + " for "
                    + expected.businessDate() + " was being imported at the same time; retry.");
        }
    }
}
