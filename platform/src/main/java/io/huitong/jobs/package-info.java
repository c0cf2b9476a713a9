/**
 * Background jobs when several nodes share one database: each job runs on one node at a time, and a node that dies
 * hands its jobs over within seconds.
 *
 * <h2>How</h2>
 * A job holds a lease: a row of ShedLock's lock table ({@code shedlock}, migration V80), taken through ShedLock's JDBC
 * lock provider with the database's clock. The first node whose timer fires while no node holds the lease takes it and
 * keeps it: it does not give it back after a pass, it renews every lease it holds every third of
 * {@code huitong.jobs.lease} (default 10 s). The other nodes' timers still fire, find the lease taken (an update that
 * changes no row) and do nothing. A node that stops gives its leases back once its running passes end, and the next
 * node's timer takes them; a node killed gives nothing back, and its leases run out within {@code huitong.jobs.lease}.
 * So hand-over takes at most the lease plus the job's own interval. A pass takes as long as it takes: the lease is
 * renewed by a thread of its own, not by the pass. {@code locked_by} names the holder, host, port, process and a
 * random part ({@code huitong.jobs.node} sets it), and {@code huitong_jobs_held{name}} is 1 on the holder (the tag is
 * {@code name}: Prometheus keeps {@code job} for its own target label).
 *
 * <p>Why leases kept between passes rather than ShedLock's usual lock per run ({@code @SchedulerLock}): a job stays on
 * one node (its caches warm, one connection to RabbitMQ), a pass costs no commit for its lock (the audit chainer runs
 * every 200 ms), a long-interval job (the hourly verification and purge) still runs once per interval across the
 * cluster rather than once per node, and the time a dead node's job waits is the lease, seconds, not a
 * {@code lockAtMostFor} sized for the longest run. ShedLock's Spring integration ({@code shedlock-spring}) is not used:
 * it proxies the job's bean, and several of ours are final classes, package-private methods, or not {@code @Scheduled}
 * at all ({@link io.huitong.kernel.Periodic} loops).
 *
 * <p>The jobs keep their own guards too: each claims its rows under row locks or {@code FOR UPDATE SKIP LOCKED}, so a
 * pass that outlived a lease its node lost (a pause longer than the lease) overlaps the new holder's safely.
 *
 * <h2>The jobs</h2>
 * One node at a time (lease name, where):
 * <ul>
 *   <li>{@code payment-resolver}: unknown outcomes of payments and refunds, money paid too late given back
 *       ({@code payments.internal.PaymentResolver});</li>
 *   <li>{@code wallet-resolver}: pending top-ups and withdrawals, and payment codes a day past their expiry deleted
 *       ({@code wallets.internal.WalletResolver});</li>
 *   <li>{@code settlement}: the daily automatic run started, stale runs failed, payouts sent and asked about
 *       ({@code settlement.internal.SettlementScheduler}; a run itself goes on where it started);</li>
 *   <li>{@code reconciliation-upkeep}: timing breaks aged, stalled matchings resumed, the daily reconciliation
 *       ({@code reconciliation.internal.ReconciliationConfig});</li>
 *   <li>{@code audit-chain}, {@code audit-seal}, {@code audit-verify}: the audit chainer, the daily seal and the
 *       background verification ({@code audit.internal.AuditConfig}); the verification's meters are the holder's, which
 *       the alerting rules read with {@code max}/{@code min} across instances;</li>
 *   <li>{@code aml-evaluation}: AML rules over new movements ({@code aml.internal.AmlService});</li>
 *   <li>{@code ledger-hold-expiry}: holds whose timeout passed ({@code ledger.jdbc.LedgerConfig});</li>
 *   <li>{@code idempotency-purge}: idempotency keys past their retention ({@code web.idempotency.IdempotencyPurge});</li>
 *   <li>{@code insights-rollup}: the merchant dashboard's hourly rollup ({@code insights.internal.RollupScheduler});</li>
 *   <li>{@code rabbitmq-publisher}: the outbox to RabbitMQ ({@code events.RabbitEventPublisher}): it could run on every
 *       node (its batches are claimed with {@code FOR UPDATE SKIP LOCKED}), but one publisher keeps the events in
 *       order.</li>
 * </ul>
 * On every node, on purpose:
 * <ul>
 *   <li>the webhook relay ({@code events.WebhookRelay}): safe side by side by design, and its work is slow HTTP calls
 *       that every node may share. A claim is one short transaction that picks due deliveries with
 *       {@code FOR UPDATE SKIP LOCKED} and leases them ({@code locked_until}, {@code lock_token}) before it commits; an
 *       outcome is written only under the claim's token, and a dead node's deliveries are due again when their lease
 *       ({@code huitong.webhooks.lease}, 2 min) runs out. Two nodes never attempt the same delivery at once, since an
 *       attempt (at most the connect and request timeouts, 20 s) ends well within its lease;</li>
 *   <li>the channel prober ({@code channels.ChannelProber}): it echoes the channels whose breaker is open on this node;
 *       breakers are this node's own;</li>
 *   <li>the idempotency lease keeper ({@code web.idempotency.LeaseKeeper}): it renews the key of a request this node is
 *       serving, for as long as it serves it;</li>
 *   <li>work started by a request or a job where it started: a settlement run's workers, a reconciliation matching,
 *       payouts' sending; each records its progress in the database, and the jobs above take over what a dead node
 *       left (stale runs failed, stalled matchings resumed).</li>
 * </ul>
 *
 * <h2>Adding a job</h2>
 * One line. On a {@code @Scheduled} method, beside it:
 * <pre>{@code
 * @Scheduled(fixedDelayString = "${huitong.insights.rollup-interval:1m}")
 * @ClusterSingleton("insights-rollup")
 * void rollUp() { ... }
 * }</pre>
 * On a {@link io.huitong.kernel.Periodic}, the constructor that takes {@link io.huitong.kernel.JobLeases} (a bean):
 * {@code new Periodic("insights-rollup", interval, this::rollUp, log, leases)}. The name is the lease's row: unique,
 * at most 64 characters. A job that must run on every node keeps neither, and says why in its class comment and in the
 * list above.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jobs", allowedDependencies = {"kernel"})
package io.huitong.jobs;
