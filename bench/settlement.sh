#!/usr/bin/env bash
# The settlement benchmark: the platform (-Xmx512m) on a scratch PostgreSQL database, 1,000 merchants onboarded through
# the operator API (T1, 0.6 %, a settlement bank account each), 1,000,000 succeeded card payments and 50,000 refunds of
# the last due business day written in bulk as the payments core and the ledger write them, then one settlement run,
# timed from its request to its completion: lines/s, wall time, peak heap, CPU of the platform and of PostgreSQL. The
# ledger must balance and every payment and refund must be in exactly one settlement line.
# Usage: bench/settlement.sh [--payments=1000000] [--refunds=50000] [--merchants=1000] [--days=1] [--bank-accounts=true]
#                            [--seed=1] [--pg-url=...] [--pg-user=...] [--jar=app/target/huitong.jar]
#                            [--platform-opts=-Xmx512m] [--profile=false] [--keep-database=false] [--timeout=1800] [--help]
# Environment: HUITONG_BENCH_PG_URL, HUITONG_BENCH_PG_USER, HUITONG_BENCH_PG_PASSWORD, HUITONG_BENCH_PAYMENTS,
# HUITONG_BENCH_REFUNDS, HUITONG_BENCH_MERCHANTS, HUITONG_BENCH_DAYS, HUITONG_BENCH_BANK_ACCOUNTS, HUITONG_BENCH_SEED,
# HUITONG_BENCH_PLATFORM_OPTS, HUITONG_BENCH_PROFILE, HUITONG_BENCH_KEEP_DATABASE, HUITONG_BENCH_TIMEOUT,
# HUITONG_BENCH_SKIP_BUILD=1 (reuse the last build).
# See bench/README.md.
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
run_bench bench/settlement.sh io.huitong.bench.SettlementBench all "$@"
