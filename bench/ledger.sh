#!/usr/bin/env bash
# The ledger benchmark: transfers/s through the ledger's Java API on PostgreSQL vs. pgbench tpcb-like.
# Usage: bench/ledger.sh [--threads=16] [--duration=20] [--warmup=3] [--batch=100] [--accounts=10000]
#                        [--pgbench-scale=16] [--pgbench-jobs=2] [--pg-url=...] [--pg-user=...] [--help]
# Environment: HUITONG_BENCH_PG_URL, HUITONG_BENCH_PG_USER, HUITONG_BENCH_PG_PASSWORD, HUITONG_BENCH_THREADS,
# HUITONG_BENCH_DURATION, HUITONG_BENCH_WARMUP, HUITONG_BENCH_BATCH, HUITONG_BENCH_ACCOUNTS,
# HUITONG_BENCH_PGBENCH_SCALE, HUITONG_BENCH_PGBENCH_JOBS, HUITONG_BENCH_PGBENCH (the executable),
# HUITONG_BENCH_JAVA_OPTS (extra JVM options, e.g. for JFR), HUITONG_BENCH_SKIP_BUILD=1 (reuse the last build).
# See bench/README.md.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
run_bench bench/ledger.sh io.huitong.bench.LedgerBench bench "$@"
