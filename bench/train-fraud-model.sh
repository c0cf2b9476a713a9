#!/usr/bin/env bash
# Trains the fraud model on generated traffic and writes platform/src/main/resources/risk/fraud-model.ubj and
# fraud-model.json (the model the platform loads at start), then prints its metrics on the held-out days.
# Usage: bench/train-fraud-model.sh [--seed=2026] [--days=35] [--customers=5000] [--rounds=150] [--depth=6]
#                                   [--target-fpr=0.0005] [--out=DIR]
# The same options write the same model bytes. See README.md, "Fraud model".
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export HUITONG_BENCH_JAVA_OPTS="--enable-native-access=ALL-UNNAMED ${HUITONG_BENCH_JAVA_OPTS:-}"
run_bench bench/train-fraud-model.sh io.huitong.bench.TrainFraudModel bench "$@"
