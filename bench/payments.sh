#!/usr/bin/env bash
# The payments HTTP load benchmark: the platform on a scratch PostgreSQL database, 32 clients sending POST /v1/payments
# in each scenario (card, then payment_code) for 60 s after a 60 s warm-up, with the CPU per payment of the platform,
# PostgreSQL and the clients, and pgbench tpcb-like (-c 16 -s 10) on the same server, with the ratio.
# Usage: bench/payments.sh [--clients=32] [--duration=60] [--warmup=60] [--warmup-max=240] [--scenarios=card,payment_code] [--consumers=N]
#                          [--pgbench-clients=16] [--pgbench-scale=10] [--pgbench-jobs=2]
#                          [--pg-url=...] [--pg-user=...] [--jar=app/target/huitong.jar] [--platform-opts=...] [--help]
# Environment: HUITONG_BENCH_PG_URL, HUITONG_BENCH_PG_USER, HUITONG_BENCH_PG_PASSWORD, HUITONG_BENCH_CLIENTS,
# HUITONG_BENCH_DURATION, HUITONG_BENCH_WARMUP, HUITONG_BENCH_SCENARIOS, HUITONG_BENCH_CONSUMERS,
# HUITONG_BENCH_PGBENCH_CLIENTS, HUITONG_BENCH_PGBENCH_SCALE, HUITONG_BENCH_PGBENCH_JOBS,
# HUITONG_BENCH_PGBENCH (the executable), HUITONG_BENCH_PLATFORM_OPTS, HUITONG_BENCH_SKIP_BUILD=1 (reuse the last build).
# See bench/README.md.
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
run_bench bench/payments.sh io.huitong.bench.PaymentsBench all "$@"
