#!/usr/bin/env bash
# The fraud model's latency in-process: features over a generated stream, the model's score, both together, and
# scoring from several threads, with p50/p95/p99 in microseconds.
# Usage: bench/fraud-model.sh [--seed=99] [--days=14] [--customers=5000] [--threads=N]
# Environment: HUITONG_BENCH_JAVA_OPTS (extra JVM options), HUITONG_BENCH_SKIP_BUILD=1 (reuse the last build).
# See README.md, "Fraud model".
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export HUITONG_BENCH_JAVA_OPTS="--enable-native-access=ALL-UNNAMED ${HUITONG_BENCH_JAVA_OPTS:-}"
run_bench bench/fraud-model.sh io.huitong.bench.FraudModelBench bench "$@"
