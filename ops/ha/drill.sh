#!/usr/bin/env bash
# A switch-over and failover drill on a private HA pair (ops/ha/cluster.sh), with the platform's jar:
#   1. a primary and its synchronous standby under Patroni, in a temp dir on free loopback ports; the platform on the
#      multi-host URL (targetServerType=primary); a merchant onboarded through the API;
#   2. a steady payment load: a few clients, each paying with its own Idempotency-Keys; a client that gets no answer,
#      a 5xx or a 409 (key still in flight) retries with the SAME key until it gets a definite answer (201, 402);
#   3. phase "switchover": patronictl switchover in the middle of the load;
#   4. phase "failover": kill -9 of the primary's postmaster in the middle of the load; Patroni promotes the standby;
#   5. checks: every acknowledged payment (201) is there with its status (read back through the API), no key has two
#      payments, the ledger check and the audit chain's verification pass.
# Prints, per phase: payments acknowledged, errors seen, the longest request, the time without service (the longest gap
# between two successful answers) and acknowledged payments lost. Exits non-zero on any loss or failed check.
# Loopback only; cleans up what it started (by PID); takes about five minutes.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: ops/ha/drill.sh [--jar app/target/huitong.jar] [--bin /usr/lib/postgresql/15/bin] [--clients 4]
                       [--before 10] [--after 15] [--max-gap 30] [--keep]
  --jar      the platform's jar; built (./mvnw -B -q -DskipTests package) when missing
  --bin      PostgreSQL 15's programs
  --clients  how many clients pay at once
  --before   seconds of load before the switch-over (and before the failover)
  --after    seconds of load after the new primary is back with its synchronous standby
  --max-gap  the drill fails when the time without service, or one request, takes longer (seconds)
  --keep     keep the drill's temp dir (everything stopped, logs kept) for a look afterwards
Run as root (PostgreSQL, Patroni and etcd then run as the postgres user) or as a user that may run PostgreSQL.
EOF
}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/app/target/huitong.jar"
BIN=/usr/lib/postgresql/15/bin
CLIENTS=4
BEFORE=10
AFTER=15
MAX_GAP=30
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --before) BEFORE="$2"; shift 2 ;;
    --after) AFTER="$2"; shift 2 ;;
    --max-gap) MAX_GAP="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

JDK=/usr/lib/jvm/temurin-25-jdk-amd64
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1
}

# a Java 21 or newer: Temurin 25 where it is installed, JAVA_HOME's, the java on the PATH, else the first in /usr/lib/jvm
find_java() {
  local candidate major
  for candidate in "$JDK/bin/java" ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    if [ -z "$candidate" ] || [ ! -x "$candidate" ]; then continue; fi
    major=$(java_major "$candidate" || echo 0)
    if [ "${major:-0}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

log() {
  echo "drill [$(date -u +%H:%M:%S)] $*"
}

fail() {
  echo "drill: FAILED: $*" >&2
  exit 1
}

JAVA=$(find_java) || fail "no Java 21 or newer; set JAVA_HOME"
if [ ! -f "$JAR" ]; then
  log "building $JAR (./mvnw -B -q -DskipTests package)"
  (cd "$ROOT" && JAVA_HOME=$(dirname "$(dirname "$JAVA")") ./mvnw -B -q -DskipTests package) >/dev/null || fail "the build failed"
  [ -f "$JAR" ] || fail "$JAR not built"
fi
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

WORK=$(mktemp -d /tmp/huitong-ha-drill.XXXXXX)
chmod 755 "$WORK"
HA="$WORK/cluster"
KEY="hk_drill_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
PIDS=()

cluster() {
  "$ROOT/ops/ha/cluster.sh" --dir "$HA" --bin "$BIN" "$@"
}

cleanup() {
  local pid
  set +e
  touch "$WORK/switchover.stop" "$WORK/failover.stop"
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
  if [ -d "$HA" ]; then
    if [ "$KEEP" = 1 ]; then cluster down >/dev/null 2>&1; else cluster down --wipe >/dev/null 2>&1; fi
  fi
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

admin() {
  curl -sS --max-time 30 -H "Authorization: Bearer $KEY" "$@"
}

# --- 1. the pair, the platform, a merchant ---------------------------------------------------------------------------
log "starting the HA pair in $HA"
cluster up 2>&1 | sed 's/^/  /'
# shellcheck disable=SC1091
. "$HA/cluster.env"
DB_URL="jdbc:postgresql://127.0.0.1:$PG1_PORT,127.0.0.1:$PG2_PORT/huitong?targetServerType=primary"

HTTP=$(free_port)
B="http://127.0.0.1:$HTTP"
mkdir -p "$WORK/data"
HUITONG_PORT="$HTTP" HUITONG_DATA_DIR="$WORK/data" HUITONG_ADMIN_KEY="$KEY" \
  HUITONG_DB_URL="$DB_URL" HUITONG_DB_USER=huitong HUITONG_DB_PASSWORD="$APP_PASSWORD" \
  HUITONG_SETTLEMENT_AUTOMATIC=false \
  "$JAVA" -Xmx768m -XX:TieredStopAtLevel=1 -jar "$JAR" >"$WORK/platform.log" 2>&1 &
PLATFORM=$!
PIDS+=("$PLATFORM")
disown "$PLATFORM"
for _ in $(seq 1 300); do
  if curl -sf "$B/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  kill -0 "$PLATFORM" 2>/dev/null || { tail -n 30 "$WORK/platform.log" >&2; fail "the platform stopped while starting"; }
  sleep 1
done
curl -sf "$B/actuator/health/readiness" >/dev/null 2>&1 || { tail -n 30 "$WORK/platform.log" >&2; fail "the platform did not start in 5 minutes"; }
log "platform at $B (PID $PLATFORM) on $DB_URL"

MERCHANT=$(admin -H 'Content-Type: application/json' "$B/v1/admin/merchants" \
  -d '{"name":"HA Drill Tea House","email":"ha-drill@tea.example","default_currency":"CNY"}')
MERCHANT_ID=$(printf '%s' "$MERCHANT" | sed -n 's/^{"id":"\(mer_[A-Za-z0-9]*\)".*/\1/p')
MERCHANT_KEY=$(printf '%s' "$MERCHANT" | sed -n 's/.*"secret_key":"\(sk_[A-Za-z0-9_]*\)".*/\1/p')
[ -n "$MERCHANT_KEY" ] && [ -n "$MERCHANT_ID" ] || fail "onboarding failed: $MERCHANT"
log "merchant $MERCHANT_ID onboarded"

# --- 2. the load -----------------------------------------------------------------------------------------------------
# a Luhn-valid visa number of its own for each payment (the risk rules block a card paid with too often): 4111, the
# phase, the client, the payment's number, the check digit
card_number() {
  local base="$1" sum=0 i d
  for ((i = 0; i < 15; i++)); do
    d=${base:$((14 - i)):1}
    if ((i % 2 == 0)); then
      d=$((d * 2))
      if ((d > 9)); then d=$((d - 9)); fi
    fi
    sum=$((sum + d))
  done
  echo "$base$(((10 - sum % 10) % 10))"
}

# One client: pays with key drill-PHASE-cN-I, I = 1, 2, ...; each key is sent again until its answer is definite.
# Every attempt is one line of PHASE-cN.log: start_ms end_ms key http_code payment_id status
client() {
  local phase="$1" c="$2" n=0 key code t0 t1 parsed give_up card p
  local out="$WORK/$phase-c$c.log" body="$WORK/$phase-c$c.body"
  : >"$out"
  while [ ! -e "$WORK/$phase.stop" ]; do
    n=$((n + 1))
    key="drill-$phase-c$c-$n"
    if [ "$phase" = switchover ]; then p=1; else p=2; fi
    card=$(card_number "$(printf '4111%d%02d%08d' "$p" "$c" "$n")")
    give_up=0
    while :; do
      t0=$(now_ms)
      code=$(curl -s -o "$body" -w '%{http_code}' --max-time 60 -H "Authorization: Bearer $MERCHANT_KEY" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: $key" "$B/v1/payments" \
        -d "{\"amount\":$((1000 + n)),\"currency\":\"CNY\",\"description\":\"ha drill $key\",\"metadata\":{\"drill_key\":\"$key\"},\
\"payment_method\":{\"type\":\"card\",\"card\":{\"number\":\"$card\",\"exp_month\":12,\"exp_year\":2030,\"cvc\":\"123\"}}}") || code=000
      t1=$(now_ms)
      case "$code" in
        201)
          parsed=$(sed -n 's/^{"id":"\(pay_[A-Za-z0-9]*\)","object":"payment","amount":[0-9]*,"currency":"[A-Z]*","status":"\([a-z_]*\)".*/\1 \2/p' "$body")
          echo "$t0 $t1 $key $code ${parsed:-? ?}" >>"$out"
          break
          ;;
        402 | 4??)
          echo "$t0 $t1 $key $code - -" >>"$out"
          [ "$code" = 409 ] || break
          ;;
        *) echo "$t0 $t1 $key $code - -" >>"$out" ;;
      esac
      # not definite yet (no answer, 5xx, 409 while the first attempt's lease runs): the same key again, for 2 minutes
      if [ -e "$WORK/$phase.stop" ]; then give_up=$((give_up + 1)); fi
      if [ "$give_up" -gt 600 ]; then
        echo "$t1 $t1 $key unanswered - -" >>"$out"
        break
      fi
      sleep 0.2
    done
  done
}

# runs the load around an event: BEFORE s of load, the event ("$@"), AFTER s of load, then the clients finish their
# current key; the event's own log goes to PHASE.event
phase() {
  local phase="$1" c pids=() pid
  shift
  rm -f "$WORK/$phase.stop"
  for c in $(seq 1 "$CLIENTS"); do
    client "$phase" "$c" &
    pids+=("$!")
    PIDS+=("$!")
  done
  sleep "$BEFORE"
  EVENT_START=$(now_ms)
  "$@" >"$WORK/$phase.event" 2>&1 || { cat "$WORK/$phase.event" >&2; fail "$phase: $*"; }
  EVENT_END=$(now_ms)
  sed 's/^/  /' "$WORK/$phase.event"
  sleep "$AFTER"
  touch "$WORK/$phase.stop"
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  echo "$EVENT_START $EVENT_END" >"$WORK/$phase.window"
}

log "phase 1: $CLIENTS clients paying, a switch-over after ${BEFORE} s"
phase switchover cluster switchover
log "phase 2: $CLIENTS clients paying, the primary's postmaster killed (kill -9) after ${BEFORE} s"
phase failover cluster failover

# --- 3. the checks ---------------------------------------------------------------------------------------------------
# PHASE.attempts: every attempt of the phase, by end time
summarize() {
  local phase="$1"
  cat "$WORK/$phase"-c*.log | sort -n -k2 >"$WORK/$phase.attempts"
}

status_of() {
  curl -s --max-time 30 -H "Authorization: Bearer $MERCHANT_KEY" "$B/v1/payments/$1" \
    | sed -n 's/^{"id":"\(pay_[A-Za-z0-9]*\)","object":"payment","amount":[0-9]*,"currency":"[A-Z]*","status":"\([a-z_]*\)".*/\2/p'
}

TOTAL_LOST=0
PROBLEMS=()
declare -A ACKED LOST ERRORS E503 E500 E409 E000 GAP LONGEST KEYWAIT CHANGED
for phase in switchover failover; do
  summarize "$phase"
  read -r EVENT_START EVENT_END <"$WORK/$phase.window"
  # the acknowledged payments: key -> id and status; a key acknowledged with two ids would be a double payment
  awk '$4 == 201 { print $3, $5, $6 }' "$WORK/$phase.attempts" | sort -u >"$WORK/$phase.acked"
  if [ "$(cut -d' ' -f1 "$WORK/$phase.acked" | sort | uniq -d | wc -l)" != 0 ]; then
    PROBLEMS+=("$phase: a key acknowledged with two different payments")
  fi
  ACKED[$phase]=$(wc -l <"$WORK/$phase.acked")
  ERRORS[$phase]=$(awk '$4 != 201 && $4 != 402' "$WORK/$phase.attempts" | wc -l)
  E503[$phase]=$(awk '$4 == 503' "$WORK/$phase.attempts" | wc -l)
  E500[$phase]=$(awk '$4 ~ /^5/ && $4 != 503' "$WORK/$phase.attempts" | wc -l)
  E409[$phase]=$(awk '$4 == 409' "$WORK/$phase.attempts" | wc -l)
  E000[$phase]=$(awk '$4 == "000"' "$WORK/$phase.attempts" | wc -l)
  UNANSWERED=$(awk '$4 == "unanswered"' "$WORK/$phase.attempts" | wc -l)
  [ "$UNANSWERED" = 0 ] || PROBLEMS+=("$phase: $UNANSWERED keys got no definite answer in 2 minutes")
  UNEXPECTED=$(awk '$4 ~ /^4/ && $4 != 409 && $4 != 402' "$WORK/$phase.attempts" | wc -l)
  [ "$UNEXPECTED" = 0 ] || PROBLEMS+=("$phase: $UNEXPECTED answers 4xx other than 409")
  [ "${E500[$phase]}" = 0 ] || PROBLEMS+=("$phase: ${E500[$phase]} answers 5xx other than 503")
  # the time without service: the longest gap between two successful answers, and the longest single request
  GAP[$phase]=$(awk '$4 == 201 { if (last) { d = $2 - last; if (d > max) max = d } last = $2 } END { printf "%d", max }' "$WORK/$phase.attempts")
  LONGEST[$phase]=$(awk '{ d = $2 - $1; if (d > max) max = d } END { printf "%d", max }' "$WORK/$phase.attempts")
  # the longest a client waited for one key's definite answer, from its first attempt to the 201
  KEYWAIT[$phase]=$(awk '{ if (!($3 in first)) first[$3] = $1; if ($4 == 201) { d = $2 - first[$3]; if (d > max) max = d } }
    END { printf "%d", max }' "$WORK/$phase.attempts")
  [ "${GAP[$phase]}" -le $((MAX_GAP * 1000)) ] || PROBLEMS+=("$phase: no successful answer for ${GAP[$phase]} ms (--max-gap $MAX_GAP s)")
  [ "${LONGEST[$phase]}" -le $((MAX_GAP * 1000)) ] || PROBLEMS+=("$phase: a request hung for ${LONGEST[$phase]} ms (--max-gap $MAX_GAP s)")
  # read back every acknowledged payment through the API
  lost=0
  changed=0
  while read -r key id acked_status; do
    now=$(status_of "$id")
    if [ -z "$now" ]; then
      lost=$((lost + 1))
      echo "  lost: $key $id ($acked_status when acknowledged)" >&2
    elif [ "$now" != "$acked_status" ]; then
      # a payment acknowledged as processing may have been settled since by the resolver; any other change is a loss
      if [ "$acked_status" = processing ]; then changed=$((changed + 1)); else
        lost=$((lost + 1))
        echo "  changed: $key $id $acked_status -> $now" >&2
      fi
    fi
  done <"$WORK/$phase.acked"
  LOST[$phase]=$lost
  CHANGED[$phase]=$changed
  TOTAL_LOST=$((TOTAL_LOST + lost))
done

# no key has two payments, and every payment the drill's keys made is one a client was told of
DUPLICATES=$(cluster psql -c "select count(*) from (select idempotency_key from payment where merchant_id = '$MERCHANT_ID' \
  group by idempotency_key having count(*) > 1) d" -d huitong)
[ "$DUPLICATES" = 0 ] || PROBLEMS+=("$DUPLICATES keys with more than one payment")
STORED=$(cluster psql -d huitong -c "select count(*) from payment where merchant_id = '$MERCHANT_ID'")
ACKED_ALL=$(( ${ACKED[switchover]} + ${ACKED[failover]} ))
[ "$STORED" = "$ACKED_ALL" ] || PROBLEMS+=("$STORED payments stored, $ACKED_ALL acknowledged")
CHECK=$(admin "$B/v1/admin/ledger/check")
case "$CHECK" in *'"balanced":true'*) ;; *) PROBLEMS+=("ledger check: $CHECK") ;; esac
VERIFY=$(admin "$B/v1/admin/audit/verify")
case "$VERIFY" in *'"valid":true'*) ;; *) PROBLEMS+=("audit verification: $VERIFY") ;; esac

seconds() {
  printf '%d.%03d s' $(($1 / 1000)) $(($1 % 1000))
}

echo
echo "HA drill ($CLIENTS clients, $(date -u +%Y-%m-%dT%H:%M:%SZ))"
printf '  %-44s %14s %14s\n' "" "switchover" "failover"
printf '  %-44s %14s %14s\n' "payments acknowledged (201)" "${ACKED[switchover]}" "${ACKED[failover]}"
printf '  %-44s %14s %14s\n' "errors seen (retried with the same key)" "${ERRORS[switchover]}" "${ERRORS[failover]}"
printf '  %-44s %14s %14s\n' "  of which 503 service_unavailable" "${E503[switchover]}" "${E503[failover]}"
printf '  %-44s %14s %14s\n' "  of which 409 idempotency_key_in_use" "${E409[switchover]}" "${E409[failover]}"
printf '  %-44s %14s %14s\n' "  of which other 5xx" "${E500[switchover]}" "${E500[failover]}"
printf '  %-44s %14s %14s\n' "  of which no answer" "${E000[switchover]}" "${E000[failover]}"
printf '  %-44s %14s %14s\n' "time without service (longest gap)" "$(seconds "${GAP[switchover]}")" "$(seconds "${GAP[failover]}")"
printf '  %-44s %14s %14s\n' "longest single request" "$(seconds "${LONGEST[switchover]}")" "$(seconds "${LONGEST[failover]}")"
printf '  %-44s %14s %14s\n' "longest wait for one key's definite answer" "$(seconds "${KEYWAIT[switchover]}")" "$(seconds "${KEYWAIT[failover]}")"
printf '  %-44s %14s %14s\n' "acknowledged processing, settled since" "${CHANGED[switchover]}" "${CHANGED[failover]}"
printf '  %-44s %14s %14s\n' "acknowledged payments lost" "${LOST[switchover]}" "${LOST[failover]}"
echo "  keys with two payments: $DUPLICATES; payments stored: $STORED; ledger check: $(case "$CHECK" in *'"balanced":true'*) echo balanced ;; *) echo NOT balanced ;; esac);" \
  "audit chain: $(case "$VERIFY" in *'"valid":true'*) echo valid ;; *) echo NOT valid ;; esac)"

if [ "$TOTAL_LOST" != 0 ]; then
  fail "$TOTAL_LOST acknowledged payments lost"
fi
if [ ${#PROBLEMS[@]} != 0 ]; then
  printf '  %s\n' "${PROBLEMS[@]}" >&2
  fail "${#PROBLEMS[@]} checks failed"
fi
echo "HA drill passed"
