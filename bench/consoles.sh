#!/usr/bin/env bash
# The merchant dashboard's reads on a merchant with 1,000,000 payments: the platform on a scratch PostgreSQL database,
# the payments written with SQL over the last 30 days, the overview's rollup caught up, then GET /v1/insights/overview
# for each period and GET /v1/payments?limit=20 (first page, filtered pages, a deep page) timed, 50 requests each.
# Usage: bench/consoles.sh [--payments=1000000] [--days=30] [--requests=50] [--warmup=20]
#                          [--pg-url=...] [--pg-user=...] [--jar=app/target/huitong.jar] [--platform-opts=...] [--help]
# Environment: HUITONG_BENCH_PG_URL, HUITONG_BENCH_PG_USER, HUITONG_BENCH_PG_PASSWORD, HUITONG_BENCH_PAYMENTS,
# HUITONG_BENCH_DAYS, HUITONG_BENCH_REQUESTS, HUITONG_BENCH_WARMUP, HUITONG_BENCH_PLATFORM_OPTS,
# HUITONG_BENCH_SKIP_BUILD=1 (reuse the last build). See bench/README.md.
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
run_bench bench/consoles.sh io.huitong.bench.ConsolesBench all "$@"
