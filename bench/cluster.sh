#!/usr/bin/env bash
# The payments benchmark on clusters of this machine, and a soak of one.
#
# Benchmark: for each node count (1, then 3), a cluster of its own (ops/cluster.sh up: the nodes behind a private nginx,
# the channel simulator as a process of its own, a database and ports of its own), 32 clients sending card payments
# (POST /v1/payments) to the load balancer for 60 s after a 60 s warm-up, with the CPU per payment of every node, nginx
# (master and workers), the simulator, PostgreSQL and the load generator; then pgbench tpcb-like (-c 16 -s 10) on the
# same server for the ratio, a table, and the figures projected to machines with more cores (--cores=8,16,32).
#   bench/cluster.sh [--nodes=1,3] [--clients=32] [--duration=60] [--warmup=60] [--cores=8,16,32] [--node-opts=...]
#                    [--pgbench-clients=16] [--pgbench-scale=10] [--pgbench-jobs=2] [--pg-url=...] [--pg-user=...] [--help]
#
# Soak: a 3-node cluster under mixed traffic (card payments, partial refunds of them, ledger transfers, reads) at a
# fixed rate for 30 minutes, one node killed (kill -9) every 5 minutes and started again, round robin; then every
# acknowledged request verified, balances, the ledger check and the audit verification.
#   bench/cluster.sh --soak [--rate=N|auto] [--minutes=30] [--kill-every=5] [--nodes=3] [--help]
#
# Exit status: 0 when clean; 2 on errors, an unbalanced ledger, or (soak) anything lost, a 5xx or a failed check.
# Environment: HUITONG_BENCH_* for each option, HUITONG_BENCH_SKIP_BUILD=1 (reuse the last build),
# HUITONG_BENCH_JAVA_OPTS (the load generator's JVM). See bench/README.md, "Cluster".
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
main=io.huitong.bench.ClusterBench
args=()
for arg in "$@"; do
  if [[ "$arg" == "--soak" ]]; then main=io.huitong.bench.ClusterSoak; else args+=("$arg"); fi
done
run_bench bench/cluster.sh "$main" all ${args[@]+"${args[@]}"}
