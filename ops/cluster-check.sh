#!/usr/bin/env bash
# Cross-node proofs on a cluster of its own (ops/cluster.sh up: 3 nodes, the simulator and nginx, on a database and
# ports of its own), then the cluster stopped and its database dropped:
#   - the same Idempotency-Key sent to two nodes at the same instant makes one payment;
#   - 1,000 partial refunds and ledger transfers at once, through the load balancer, keep every balance exact;
#   - the node holding the background jobs is killed (kill -9) in the middle: no acknowledged request is lost, requests
#     that got a connection error are sent again with the same key and end exactly once, the jobs move to the nodes left;
#   - the ledger check and the audit verification pass.
# The load and the checks are ops/ClusterCheck.java, run by the JDK's source launcher. Exits 0 when every check passed,
# non-zero with the failures listed; prints a summary table.
#
#   ops/cluster-check.sh [--nodes=N] [--keep]     --keep: leave the state dir (logs) behind, also on success
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NODES=3
KEEP=0
for arg in "$@"; do
  case "$arg" in
    --nodes=*) NODES="${arg#*=}" ;;
    --keep) KEEP=1 ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster-check: unknown option $arg" >&2; exit 2 ;;
  esac
done

started=$SECONDS
JAVA=${HUITONG_CLUSTER_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA" ] || JAVA=$(command -v java)

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# a base port whose neighbours the cluster takes (P, P+1..P+N, P+50..P+52) are all free
free_base() {
  local base p ok
  for _ in $(seq 1 100); do
    # below the kernel's ephemeral range (32768 on): a port an outgoing connection holds cannot be listened on
    base=$((20000 + (RANDOM % 120) * 100))
    ok=1
    for p in "$base" $(seq $((base + 1)) $((base + NODES))) $((base + 50)) $((base + 51)) $((base + 52)); do
      if port_open "$p"; then ok=0; break; fi
    done
    if [ "$ok" = 1 ]; then echo "$base"; return 0; fi
  done
  return 1
}

BASE=$(free_base) || { echo "cluster-check: no free ports" >&2; exit 1; }
export HUITONG_CLUSTER_DIR
HUITONG_CLUSTER_DIR=$(mktemp -d /tmp/huitong-cluster-check.XXXXXX)
DB=huitong_check_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')

# the platform's settings for the check, for every node (ops/cluster.sh passes HUITONG_* on):
# no automatic settlement or reconciliation run in the middle; keys of a killed node's requests in flight free after 5 s
# instead of 30; every job's timer fires within 10 s, so that every job moves after
# the kill; the nodes' JVMs small and quick to start, for a 2-core machine that runs 3 of them and PostgreSQL
export HUITONG_SETTLEMENT_AUTOMATIC=false HUITONG_RECONCILIATION_AUTOMATIC=false
export HUITONG_IDEMPOTENCY_LEASE=5s
export HUITONG_JOBS_LEASE=5s HUITONG_SETTLEMENT_INTERVAL=2s HUITONG_RECONCILIATION_INTERVAL=5s HUITONG_AUDIT_SEALEVERY=10s \
  HUITONG_AUDIT_VERIFYEVERY=20s HUITONG_IDEMPOTENCY_PURGEDELAY=5s HUITONG_IDEMPOTENCY_PURGEINTERVAL=10s
export HUITONG_JAVA_OPTS=${HUITONG_CLUSTER_CHECK_JAVA_OPTS:--Xms256m -Xmx640m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k}

cleanup() {
  local rc=$?
  "$ROOT/ops/cluster.sh" down --drop >/dev/null 2>&1 || true
  if [ "$KEEP" = 1 ] || [ "$rc" != 0 ]; then
    echo "cluster-check: logs kept in $HUITONG_CLUSTER_DIR"
  else
    rm -rf "$HUITONG_CLUSTER_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT

echo "cluster-check: starting $NODES nodes on ports $((BASE + 1))-$((BASE + NODES)) behind 127.0.0.1:$BASE (database $DB)"
if ! "$ROOT/ops/cluster.sh" up --nodes="$NODES" --base-port="$BASE" --db="$DB" >"$HUITONG_CLUSTER_DIR/up.log" 2>&1; then
  cat "$HUITONG_CLUSTER_DIR/up.log" >&2
  echo "cluster-check: FAILED: the cluster did not start" >&2
  exit 1
fi
echo "cluster-check: cluster up in $((SECONDS - started)) s"

rc=0
"$JAVA" "$ROOT/ops/ClusterCheck.java" "$HUITONG_CLUSTER_DIR" || rc=$?

echo
"$ROOT/ops/cluster.sh" status || true
echo "cluster-check: $((SECONDS - started)) s in all"
if [ "$rc" != 0 ]; then
  echo "cluster-check: FAILED (nodes' logs: $HUITONG_CLUSTER_DIR/node-*/node.log, nginx: $HUITONG_CLUSTER_DIR/nginx/)" >&2
fi
exit "$rc"
