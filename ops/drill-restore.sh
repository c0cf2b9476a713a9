#!/usr/bin/env bash
# A restore drill on a private PostgreSQL cluster, with the platform's jar:
#   1. a primary cluster (initdb in a temp dir, a free loopback port, WAL archived by ops/backup.sh archive-wal),
#      the platform on it, payments (A);
#   2. a base backup (ops/backup.sh postgres), payments (B), a point in time T, payments (C), their WAL archived,
#      payments (D), then the primary is lost (platform killed, PostgreSQL stopped in immediate mode);
#   3. a restore to T into a new cluster (ops/restore.sh postgres --target-time T): the offline audit check, then the
#      platform on it, the ledger's balance check, payments A and B there, C and D not; RTO is the time from the start
#      of the restore to the platform answering on the restored database with every check passed;
#   4. a restore to the end of the archive into a third cluster: RPO is the time between the newest payment the lost
#      primary held and the newest one the archive brought back.
# Exits 0 when every check passed. Loopback only; takes a few minutes.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: ops/drill-restore.sh [--jar app/target/huitong.jar] [--bin /usr/lib/postgresql/15/bin] [--keep]
  --jar   the platform's jar (build it with ./mvnw -B -DskipTests package)
  --bin   PostgreSQL's programs (initdb, pg_ctl, psql)
  --keep  keep the drill's temp dir (clusters stopped, logs kept) for a look afterwards
Run as root or as a user that may run PostgreSQL; as root, PostgreSQL runs as the postgres user.
EOF
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/app/target/huitong.jar"
BIN=/usr/lib/postgresql/15/bin
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1
}

# a Java 21 or newer: JAVA_HOME's, the java on the PATH, else the first such in /usr/lib/jvm
find_java() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    if [ -z "$candidate" ] || [ ! -x "$candidate" ]; then continue; fi
    major=$(java_major "$candidate" || echo 0)
    if [ "${major:-0}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

JAVA=$(find_java) || { echo "drill: no Java 21 or newer; set JAVA_HOME" >&2; exit 1; }
[ -f "$JAR" ] || { echo "drill: $JAR not found; build it with ./mvnw -B -DskipTests package" >&2; exit 1; }
[ -x "$BIN/initdb" ] || { echo "drill: no initdb in $BIN (--bin)" >&2; exit 1; }
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

WORK=$(mktemp -d /tmp/huitong-drill.XXXXXX)
chmod 755 "$WORK"
KEY="hk_drill_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
PIDS=()
CLUSTERS=()

log() {
  echo "drill [$(date -u +%H:%M:%S)] $*"
}

fail() {
  echo "drill: FAILED: $*" >&2
  exit 1
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  local pid dir
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for dir in "${CLUSTERS[@]}"; do
    if [ -f "$dir/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true; fi
  done
  if [ "$KEEP" = 1 ]; then echo "drill: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 1 200); do
    # below the kernel's ephemeral range (32768 on): a port an outgoing connection holds cannot be listened on
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free port"
}

now_ms() {
  date +%s%3N
}

psql_at() {
  local port="$1"
  shift
  as_pg "$BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d "${DB:-huitong}" -XAtq -v ON_ERROR_STOP=1 -c "$*"
}

# starts the platform on a cluster's database; the pid goes to PIDS, the port to $2's name
start_platform() {
  local pg_port="$1" http_port="$2" data_dir="$3" name="$4"
  mkdir -p "$data_dir"
  HUITONG_PORT="$http_port" HUITONG_DATA_DIR="$data_dir" HUITONG_ADMIN_KEY="$KEY" \
    HUITONG_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/huitong" HUITONG_DB_USER=postgres \
    HUITONG_SETTLEMENT_AUTOMATIC=false \
    "$JAVA" -Xmx768m -XX:TieredStopAtLevel=1 -jar "$JAR" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  disown "$pid"
  for _ in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$http_port/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$WORK/$name.log" >&2; fail "the platform ($name) stopped while starting"; }
    sleep 1
  done
  tail -n 30 "$WORK/$name.log" >&2
  fail "the platform ($name) did not start in 5 minutes"
}

admin() {
  curl -sS -H "Authorization: Bearer $KEY" "$@"
}

# pays $2 payments of batch $1 through the merchant API; their ids go to $WORK/$1.ids
pay() {
  local batch="$1" count="$2" i body id
  : >"$WORK/$batch.ids"
  for i in $(seq 1 "$count"); do
    body=$(curl -sS -H "Authorization: Bearer $MERCHANT_KEY" -H 'Content-Type: application/json' -H "Idempotency-Key: drill-$batch-$i" \
      "http://127.0.0.1:$HTTP1/v1/payments" -d "{\"amount\":$((1000 + i)),\"currency\":\"CNY\",\"description\":\"drill $batch $i\",\
\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\"4242424242424242\",\"exp_month\":12,\"exp_year\":2030,\"cvc\":\"123\"}}}")
    id=$(printf '%s' "$body" | sed -n 's/^{"id":"\(pay_[A-Za-z0-9]*\)".*"status":"succeeded".*/\1/p')
    [ -n "$id" ] || fail "payment $batch $i was not taken: $body"
    echo "$id" >>"$WORK/$batch.ids"
  done
}

# checks that the payments of a batch are on the restored platform (200) or not (404)
expect_payments() {
  local batch="$1" want="$2" id status
  while read -r id; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $MERCHANT_KEY" "http://127.0.0.1:$HTTP2/v1/payments/$id")
    [ "$status" = "$want" ] || fail "payment $id of batch $batch answers $status on the restored database, not $want"
  done <"$WORK/$batch.ids"
  log "batch $batch: $(wc -l <"$WORK/$batch.ids") payments answer $want, as they should"
}

# --- 1. the primary -------------------------------------------------------------------------------------------------
PG1=$(free_port)
HTTP1=$(free_port)
mkdir -p "$WORK/wal" "$WORK/backups"
# the archive command is a copy of ops/backup.sh the postgres user can read wherever this checkout is
cp "$ROOT/ops/backup.sh" "$WORK/backup.sh"
chmod 755 "$WORK/backup.sh"
mkdir -m 700 "$WORK/primary"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$WORK/wal" "$WORK/primary" "$WORK"; fi
as_pg "$BIN/initdb" -D "$WORK/primary" -U postgres -A trust --no-sync >/dev/null
CLUSTERS+=("$WORK/primary")
cat >>"$WORK/primary/postgresql.conf" <<EOF
port = $PG1
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
wal_level = replica
archive_mode = on
archive_timeout = 5
archive_command = '$WORK/backup.sh archive-wal %p %f $WORK/wal'
EOF
as_pg "$BIN/pg_ctl" -D "$WORK/primary" -l "$WORK/primary.log" -w start >/dev/null
DB=postgres psql_at "$PG1" "create database huitong" >/dev/null
log "primary PostgreSQL on 127.0.0.1:$PG1, WAL archived into $WORK/wal"

start_platform "$PG1" "$HTTP1" "$WORK/data1" platform-primary
log "platform on the primary at 127.0.0.1:$HTTP1"
MERCHANT=$(admin -H 'Content-Type: application/json' "http://127.0.0.1:$HTTP1/v1/admin/merchants" \
  -d '{"name":"Drill Tea House","email":"drill@tea.example","default_currency":"CNY"}')
MERCHANT_KEY=$(printf '%s' "$MERCHANT" | sed -n 's/.*"secret_key":"\(sk_[A-Za-z0-9_]*\)".*/\1/p')
[ -n "$MERCHANT_KEY" ] || fail "onboarding failed: $MERCHANT"
pay A 5
log "batch A: 5 payments before the base backup"

# --- 2. backup, more payments, the point in time, more payments, the loss -------------------------------------------
"$ROOT/ops/backup.sh" postgres --dir "$WORK/backups" --port "$PG1" --data-dir "$WORK/data1" >"$WORK/backup.log"
BASE=$(ls -d "$WORK"/backups/base-*)
log "base backup in $BASE"
pay B 5
log "batch B: 5 payments after the base backup"
sleep 1
TARGET=$(psql_at "$PG1" "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
sleep 1
pay C 5
log "batch C: 5 payments after the point in time $TARGET"
AFTER_C=$(psql_at "$PG1" "select pg_walfile_name(pg_current_wal_lsn())")
for _ in $(seq 1 60); do
  ARCHIVED=$(psql_at "$PG1" "select coalesce(last_archived_wal, '') from pg_stat_archiver")
  # a segment's name (not a backup's or timeline's history file) at or after the one batch C ended in
  if [[ "$ARCHIVED" =~ ^[0-9A-F]{24}$ ]] && ! [[ "$ARCHIVED" < "$AFTER_C" ]]; then break; fi
  sleep 1
done
log "WAL through batch C archived ($ARCHIVED, archive_timeout 5 s)"
pay D 3
PRIMARY_LAST=$(psql_at "$PG1" "select extract(epoch from max(created_at)) from payment")
kill -9 "${PIDS[0]}"
as_pg "$BIN/pg_ctl" -D "$WORK/primary" -m immediate -w stop >/dev/null
log "batch D: 3 payments, then the primary is lost (platform killed, PostgreSQL stopped in immediate mode)"

# --- 3. restore to the point in time --------------------------------------------------------------------------------
PG2=$(free_port)
HTTP2=$(free_port)
T0=$(now_ms)
"$ROOT/ops/restore.sh" postgres --backup "$BASE" --wal-archive "$WORK/wal" --pgdata "$WORK/restored" --port "$PG2" \
  --target-time "$TARGET" --data-dir "$WORK/data2" >"$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log" >&2; fail "restore to $TARGET"; }
CLUSTERS+=("$WORK/restored")
log "restored to $TARGET on 127.0.0.1:$PG2 in $(( ($(now_ms) - T0) / 1000 )) s"
"$JAVA" -jar "$JAR" audit verify --db "jdbc:postgresql://127.0.0.1:$PG2/huitong" --user postgres >"$WORK/audit-verify.txt" 2>&1 \
  || { cat "$WORK/audit-verify.txt" >&2; fail "audit verify on the restored database"; }
log "audit verify on the restored database: the chain holds"
start_platform "$PG2" "$HTTP2" "$WORK/data2" platform-restored
CHECK=$(admin "http://127.0.0.1:$HTTP2/v1/admin/ledger/check")
case "$CHECK" in *'"balanced":true'*) ;; *) fail "ledger check on the restored database: $CHECK" ;; esac
log "ledger check on the restored database: balanced"
expect_payments A 200
expect_payments B 200
expect_payments C 404
expect_payments D 404
RTO_MS=$(( $(now_ms) - T0 ))

# --- 4. restore to the end of the archive, for the data a lost primary takes with it ---------------------------------
PG3=$(free_port)
"$ROOT/ops/restore.sh" postgres --backup "$BASE" --wal-archive "$WORK/wal" --pgdata "$WORK/latest" --port "$PG3" \
  >"$WORK/restore-latest.log" 2>&1 || { cat "$WORK/restore-latest.log" >&2; fail "restore to the end of the archive"; }
CLUSTERS+=("$WORK/latest")
LATEST_LAST=$(psql_at "$PG3" "select extract(epoch from max(created_at)) from payment")
LOST=0
while read -r id; do
  [ "$(psql_at "$PG3" "select count(*) from payment where id = '$id'")" = 1 ] || LOST=$((LOST + 1))
done < <(cat "$WORK/A.ids" "$WORK/B.ids" "$WORK/C.ids" "$WORK/D.ids")
[ "$(psql_at "$PG3" "select count(*) from payment where id in ($(sed "s/.*/'&'/" "$WORK/C.ids" | paste -sd,))")" = 5 ] \
  || fail "payments of batch C, archived before the loss, are missing from the end of the archive"
RPO_MS=$(awk -v p="$PRIMARY_LAST" -v l="$LATEST_LAST" 'BEGIN { d = (p - l) * 1000; if (d < 0) d = 0; printf "%d", d }')

echo
echo "Restore drill passed"
echo "  point-in-time restore to $TARGET: audit verify, ledger check, payments before the point there, after it absent"
printf '  RTO (restore start to the platform serving the checked, restored database): %d.%03d s\n' $((RTO_MS / 1000)) $((RTO_MS % 1000))
printf '  RPO (newest payment on the lost primary to newest payment in the archive):  %d.%03d s; %d of 18 payments lost (archive_timeout 5 s)\n' \
  $((RPO_MS / 1000)) $((RPO_MS % 1000)) "$LOST"
