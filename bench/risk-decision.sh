#!/usr/bin/env bash
# A whole risk decision's latency in-process: lists, velocity, the payer's history, the features, the built-in
# fraud model and the default rules, over generated traffic; then from several threads; --redis=URL keeps velocity
# in Redis instead. Prints a table with p50/p95/p99 and p99 against the 5 ms goal.
# Usage: bench/risk-decision.sh [--seed=99] [--days=3] [--customers=5000] [--threads=N] [--redis=redis://127.0.0.1:6379]
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export HUITONG_BENCH_JAVA_OPTS="--enable-native-access=ALL-UNNAMED ${HUITONG_BENCH_JAVA_OPTS:-}"
run_bench bench/risk-decision.sh io.huitong.bench.RiskDecisionBench bench "$@"
