#!/usr/bin/env bash
# The reconciliation benchmark: the platform (-Xmx512m) on a scratch PostgreSQL database, a business day of 2,000,000
# card payments through acquirer acq_a written in bulk as the payments core and the ledger write them, and the
# acquirer's settlement file of that day with 0.1 % of its lines faulted (dropped, amount changed, duplicated, a line we
# never sent, reported failed), uploaded through the operator API and matched: import + match time, lines/s, peak heap,
# CPU of the platform and of PostgreSQL. Every planted fault must be found once, in its class, and nothing else.
# Usage: bench/reconciliation.sh [--lines=2000000] [--fault-rate=0.001] [--merchants=10] [--seed=1] [--pg-url=...]
#                                [--pg-user=...] [--jar=app/target/huitong.jar] [--platform-opts=-Xmx512m]
#                                [--profile=false] [--jfr=FILE] [--keep-database=false] [--timeout=1800] [--help]
# Environment: HUITONG_BENCH_PG_URL, HUITONG_BENCH_PG_USER, HUITONG_BENCH_PG_PASSWORD, HUITONG_BENCH_LINES,
# HUITONG_BENCH_FAULT_RATE, HUITONG_BENCH_MERCHANTS, HUITONG_BENCH_SEED, HUITONG_BENCH_PLATFORM_OPTS,
# HUITONG_BENCH_PROFILE, HUITONG_BENCH_JFR, HUITONG_BENCH_KEEP_DATABASE, HUITONG_BENCH_TIMEOUT,
# HUITONG_BENCH_SKIP_BUILD=1 (reuse the last build).
# See bench/README.md.
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
run_bench bench/reconciliation.sh io.huitong.bench.ReconciliationBench all "$@"
