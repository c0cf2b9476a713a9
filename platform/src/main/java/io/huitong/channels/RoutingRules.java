package io.huitong.channels;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;
import io.huitong.kernel.DbTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The routing rules: stored ones when there are, otherwise an open rule for every configured channel.
 * Payments read them from memory ({@link #inForce()}); a PUT on this instance replaces them at once, and
 * every {@code reloadInterval} one payment looks at the stored version and reloads when another instance
 * changed it. A failed look keeps the rules in force: routing never fails a payment for a database hiccup.
 */
final class RoutingRules implements Routing {

    private static final Logger log = LoggerFactory.getLogger(RoutingRules.class);

    private record Cached(RoutingTable table, Instant checkedAt) {
    }

    private final RoutingStore store;
    private final Map<String, List<String>> connectors;
    private final Clock clock;
    private final Duration reloadInterval;
    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final ReentrantLock reloading = new ReentrantLock();

    /** @param connectors every configured channel's name and the methods it takes, in configuration order */
    RoutingRules(RoutingStore store, Map<String, List<String>> connectors, Clock clock, Duration reloadInterval) {
        this.store = store;
        this.connectors = new LinkedHashMap<>(connectors);
        this.clock = clock;
        this.reloadInterval = reloadInterval;
    }

    @Override
    public RoutingTable current() {
        RoutingTable table = withDefaults(store.load());
        cached.set(new Cached(table, clock.instant()));
        return table;
    }

    @Override
    public RoutingTable replace(List<RoutingRule> rules) {
        validate(rules);
        RoutingTable table = store.replace(rules, DbTimes.now(clock));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // inside the caller's transaction (an approval carrying the change out): in force here once it commits
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    inForceNow(table);
                }
            });
        } else {
            inForceNow(table);
        }
        return table;
    }

    private void inForceNow(RoutingTable table) {
        cached.set(new Cached(table, clock.instant()));
        log.info("Routing version {}: {}", table.version(), table.channels());
    }

    /** The rules payments follow now; at most {@code reloadInterval} behind another instance's PUT. */
    RoutingTable inForce() {
        Cached c = cached.get();
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.checkedAt().plus(reloadInterval))) {
            return c.table();
        }
        if (c != null && !reloading.tryLock()) {
            return c.table();
        }
        if (c == null) {
            reloading.lock();
        }
        try {
            Cached again = cached.get();
            if (again != null && again != c) {
                return again.table();
            }
            RoutingTable table = c != null && store.version() == c.table().version() ? c.table() : withDefaults(store.load());
            cached.set(new Cached(table, now));
            return table;
        } catch (RuntimeException e) {
            if (c == null) {
                throw e;
            }
            log.warn("Could not look for new routing rules; keeping version {}: {}", c.table().version(), e.toString());
            cached.set(new Cached(c.table(), now));
            return c.table();
        } finally {
            reloading.unlock();
        }
    }

    private RoutingTable withDefaults(RoutingTable stored) {
        if (stored.version() > 0) {
            return stored;
        }
        List<RoutingRule> open = new ArrayList<>();
        connectors.forEach((name, methods) -> open.add(RoutingRule.open(name, methods)));
        return new RoutingTable(0, null, open);
    }

    @Override
    public void check(List<RoutingRule> rules) {
        validate(rules);
    }

    private void validate(List<RoutingRule> rules) {
        if (rules.isEmpty()) {
            throw ApiException.invalid("channels", "channels must list at least one channel.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RoutingRule r = rules.get(i);
            String at = "channels[" + i + "].";
            if (!connectors.containsKey(r.name())) {
                throw ApiException.invalid(at + "name", "No such channel: '" + r.name() + "'; the channels are " + connectors.keySet() + ".");
            }
            if (!seen.add(r.name())) {
                throw ApiException.invalid(at + "name", "Channel '" + r.name() + "' is listed twice.");
            }
            if (r.methods().isEmpty()) {
                throw ApiException.invalid(at + "methods", "methods must list at least one method.");
            }
            Set<String> methods = new HashSet<>();
            for (String method : r.methods()) {
                if (!RoutingRule.METHODS.contains(method)) {
                    throw ApiException.invalid(at + "methods", "Unknown method '" + method + "'; the methods are " + RoutingRule.METHODS + ".");
                }
                if (!connectors.get(r.name()).contains(method)) {
                    throw ApiException.invalid(at + "methods", "Channel '" + r.name() + "' does not take " + method + " payments; it takes "
                            + connectors.get(r.name()) + ".");
                }
                if (!methods.add(method)) {
                    throw ApiException.invalid(at + "methods", "Method '" + method + "' is listed twice.");
                }
            }
            Set<String> currencies = new HashSet<>();
            for (String currency : r.currencies()) {
                if (currency == null || !Currencies.isSupported(currency)) {
                    throw ApiException.invalid(at + "currencies", "Unsupported currency '" + currency + "'; the currencies are "
                            + Currencies.SUPPORTED.stream().sorted().toList() + ".");
                }
                if (!currencies.add(currency)) {
                    throw ApiException.invalid(at + "currencies", "Currency '" + currency + "' is listed twice.");
                }
            }
            if (r.minAmount() != null && r.minAmount() < 0) {
                throw ApiException.invalid(at + "min_amount", "min_amount must not be negative.");
            }
            if (r.maxAmount() != null && r.maxAmount() < 0) {
                throw ApiException.invalid(at + "max_amount", "max_amount must not be negative.");
            }
            if (r.minAmount() != null && r.maxAmount() != null && r.minAmount() > r.maxAmount()) {
                throw ApiException.invalid(at + "min_amount", "min_amount must not be greater than max_amount.");
            }
            if (r.feeBps() < 0 || r.feeBps() > 10_000) {
                throw ApiException.invalid(at + "fee_bps", "fee_bps must be from 0 to 10000 (basis points of the amount).");
            }
            if (r.feeFixed() < 0) {
                throw ApiException.invalid(at + "fee_fixed", "fee_fixed must not be negative.");
            }
        }
    }
}
