#!/usr/bin/env bash
# A local Huitong cluster on one machine: N stateless platform nodes on one PostgreSQL database, the channel simulator as
# a process of its own, and a private nginx in front of the nodes (round robin, passive health checks, retries to the
# next node only where that is safe: see ops/nginx/huitong-cluster.conf.template).
#
#   ops/cluster.sh up [--nodes=N] [--base-port=P] [--db=NAME] [--no-redis] [--no-rabbitmq]
#   ops/cluster.sh status
#   ops/cluster.sh down [--drop]
#   ops/cluster.sh start-node I        start node I again (after it died or was killed), with the cluster's settings
#
# Everything lives in the state directory, ${HUITONG_CLUSTER_DIR:-/tmp/huitong-cluster}: cluster.env (the cluster's
# settings and generated keys, readable by its owner only), node-<i>/ (each node's data dir, its log node.log and its
# pid), simulator/, nginx/ (nginx.conf, pid, access.log, error.log). `down` stops exactly the processes `up` recorded
# there, by pid (never by a name pattern: other platforms may run on this machine), and with --drop drops the database
# `up` created.
#
# Every HUITONG_* variable of the environment goes to every node (HUITONG_ADMIN_KEY, HUITONG_DB_URL, HUITONG_JAVA_OPTS,
# HUITONG_SETTLEMENT_AUTOMATIC, ... see the README's "Configuration"), except HUITONG_PORT and HUITONG_DATA_DIR, which
# are each node's own, and HUITONG_CLUSTER_* and HUITONG_SIM_*, which are this script's and the simulator's. What the
# nodes must share and the environment does not set, `up` makes once and keeps in cluster.env:
#   HUITONG_DB_URL           a database it creates on 127.0.0.1:5432 (--db, default huitong_cluster), user postgres
#   HUITONG_ADMIN_KEY        an operator key
#   HUITONG_MASTER_KEY       the master key that wraps the data keys (every node must hold the same)
#   HUITONG_CHANNELS_BANK_SIGNING_KEY   the key the simulated bank signs its pushes with (HUITONG_SIM_BANK_SIGNING_KEY)
#   HUITONG_SIMULATOR_URL    the simulator started here
#   HUITONG_PUBLIC_URL       the load balancer's URL
#   HUITONG_REDIS_URL        redis://127.0.0.1:6379 when Redis answers there (shared velocity and rate limits), unless
#                            --no-redis; HUITONG_RISK_REDIS_PREFIX keeps this cluster's velocity apart from others'
#   HUITONG_RABBITMQ_URL     amqp://guest:guest@127.0.0.1:5672 when RabbitMQ answers there, unless --no-rabbitmq
#
# Ports (--base-port=P, default 18080, or HUITONG_CLUSTER_BASE_PORT): the load balancer on P, node i on P+i, the
# simulator's control API on P+50 and its acquirers on P+51 and P+52. Java: HUITONG_CLUSTER_JAVA, default
# /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; the nodes' JVM options: HUITONG_JAVA_OPTS (default
# "-Xmx1g -XX:MaxGCPauseMillis=20"). The jar: app/target/huitong.jar, built when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${HUITONG_CLUSTER_DIR:-/tmp/huitong-cluster}
ENV_FILE="$STATE/cluster.env"
JAR="$ROOT/app/target/huitong.jar"
SIM_JAR="$ROOT/simulator/target/huitong-simulator.jar"
TEMPLATE="$ROOT/ops/nginx/huitong-cluster.conf.template"
NGINX=${HUITONG_CLUSTER_NGINX:-/usr/sbin/nginx}
START_TIMEOUT=${HUITONG_CLUSTER_START_TIMEOUT:-300}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

say() {
  echo "cluster: $*"
}

die() {
  echo "cluster: $*" >&2
  exit 1
}

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1
}

find_java() {
  local candidate major
  for candidate in ${HUITONG_CLUSTER_JAVA:-} /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ${JAVA_HOME:+"$JAVA_HOME/bin/java"} \
      "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    if [ -z "$candidate" ] || [ ! -x "$candidate" ]; then continue; fi
    major=$(java_major "$candidate" || echo 0)
    if [ "${major:-0}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# whether pid $1 is alive and its command line holds $2 (so that a pid the system gave to another process since is left alone)
ours() {
  local pid="$1" mark="$2"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && { tr '\0' ' ' <"/proc/$pid/cmdline"; echo " "; } | grep -qF -- "$mark"
}

# the mark a process of ours carries on its command line: -Dcluster.process=<its dir> (nginx: its configuration's path)
mark() {
  echo "cluster.process=$1 "
}

pid_of() {
  [ -f "$1" ] && cat "$1" || true
}

# whether pid $1, just started, is still alive: the subshell that is about to exec the process (on a busy machine it
# may not have yet, and its command line is not the process's), or the process itself; a zombie's command line is empty
starting() {
  [ -n "$1" ] && [ -s "/proc/$1/cmdline" ]
}

random_hex() {
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# psql on the cluster's PostgreSQL server (from the JDBC URL), database $1, then psql's arguments
pg() {
  local db="$1"
  shift
  PGPASSWORD="${HUITONG_DB_PASSWORD:-}" psql -h "$PG_HOST" -p "$PG_PORT" -U "${HUITONG_DB_USER:-postgres}" -d "$db" -XAtq -v ON_ERROR_STOP=1 "$@"
}

# PG_HOST, PG_PORT, PG_DB from a jdbc:postgresql://host:port/db URL
parse_db_url() {
  local rest="${1#jdbc:postgresql://}"
  rest="${rest%%\?*}"
  local hostport="${rest%%/*}"
  PG_DB="${rest#*/}"
  PG_HOST="${hostport%%:*}"
  PG_PORT=5432
  if [ "$hostport" != "$PG_HOST" ]; then PG_PORT="${hostport#*:}"; fi
}

load_state() {
  [ -f "$ENV_FILE" ] || die "no cluster in $STATE (start one with: ops/cluster.sh up)"
  # shellcheck disable=SC1090
  . "$ENV_FILE"
}

save_state() {
  local name
  umask 077
  : >"$ENV_FILE.new"
  for name in NODES BASE_PORT LB_URL SIM_PORT DB_CREATED DB_NAME JAVA HUITONG_DB_URL HUITONG_DB_USER HUITONG_ADMIN_KEY \
      HUITONG_MASTER_KEY HUITONG_CHANNELS_BANK_SIGNING_KEY HUITONG_SIMULATOR_URL HUITONG_PUBLIC_URL HUITONG_REDIS_URL \
      HUITONG_RISK_REDIS_PREFIX HUITONG_RABBITMQ_URL; do
    printf '%s=%q\n' "$name" "${!name:-}" >>"$ENV_FILE.new"
  done
  mv "$ENV_FILE.new" "$ENV_FILE"
}

# ---------------------------------------------------------------------------------------------------------------------

cmd_up() {
  local nodes=3 base_port=${HUITONG_CLUSTER_BASE_PORT:-18080} db_name=${HUITONG_CLUSTER_DB:-huitong_cluster} redis=1 rabbit=1 arg
  for arg in "$@"; do
    case "$arg" in
      --nodes=*) nodes="${arg#*=}" ;;
      --base-port=*) base_port="${arg#*=}" ;;
      --db=*) db_name="${arg#*=}" ;;
      --no-redis) redis=0 ;;
      --no-rabbitmq) rabbit=0 ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown option $arg (see ops/cluster.sh --help)" ;;
    esac
  done
  [[ "$nodes" =~ ^[1-9][0-9]?$ ]] || die "--nodes must be a number from 1 to 99: $nodes"
  [[ "$base_port" =~ ^[0-9]+$ ]] && [ "$base_port" -ge 1024 ] && [ "$base_port" -le 65000 ] || die "--base-port must be 1024..65000"
  [[ "$db_name" =~ ^[a-z_][a-z0-9_]*$ ]] || die "--db must be a plain lower-case name: $db_name"
  [ -x "$NGINX" ] || die "no nginx at $NGINX (apt-get install nginx-light, or set HUITONG_CLUSTER_NGINX)"
  command -v curl >/dev/null || die "curl is needed"

  mkdir -p "$STATE"
  chmod 700 "$STATE"
  if [ -f "$ENV_FILE" ]; then
    # a cluster brought down without --drop: same database, same keys
    # shellcheck disable=SC1090
    local saved_db_created saved_db_name
    saved_db_created=$(. "$ENV_FILE"; echo "${DB_CREATED:-0}")
    saved_db_name=$(. "$ENV_FILE"; echo "${DB_NAME:-}")
    if [ -n "$(running_pids)" ]; then die "a cluster is already up in $STATE (ops/cluster.sh status; ops/cluster.sh down)"; fi
    local keep
    for keep in HUITONG_ADMIN_KEY HUITONG_MASTER_KEY HUITONG_CHANNELS_BANK_SIGNING_KEY; do
      if [ -z "${!keep:-}" ]; then
        # shellcheck disable=SC1090
        printf -v "$keep" '%s' "$(. "$ENV_FILE"; echo "${!keep:-}")"
      fi
    done
    if [ "$saved_db_name" = "$db_name" ] && [ "$saved_db_created" = 1 ]; then DB_CREATED=1; fi
  fi

  JAVA=$(find_java) || die "no Java 21 or newer (set HUITONG_CLUSTER_JAVA)"
  if [ ! -f "$JAR" ] || [ ! -f "$SIM_JAR" ]; then
    say "building $JAR (./mvnw -B -q -DskipTests package) ..."
    (cd "$ROOT" && JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" ./mvnw -B -q -DskipTests package) \
      || die "the build failed"
  fi

  NODES=$nodes
  BASE_PORT=$base_port
  SIM_PORT=$((base_port + 50))
  LB_URL="http://127.0.0.1:$base_port"
  local p
  for p in "$base_port" $(seq $((base_port + 1)) $((base_port + nodes))) "$SIM_PORT" $((SIM_PORT + 1)) $((SIM_PORT + 2)); do
    if port_open "$p"; then die "port $p is taken (choose others with --base-port=P)"; fi
  done

  # the database
  DB_NAME=$db_name
  DB_CREATED=${DB_CREATED:-0}
  if [ -z "${HUITONG_DB_URL:-}" ]; then
    HUITONG_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db_name"
    HUITONG_DB_USER=${HUITONG_DB_USER:-postgres}
  fi
  HUITONG_DB_USER=${HUITONG_DB_USER:-postgres}
  parse_db_url "$HUITONG_DB_URL"
  if command -v psql >/dev/null; then
    if [ "$(pg postgres -c "select count(*) from pg_database where datname = '$PG_DB'")" = 0 ]; then
      pg postgres -c "create database $PG_DB" || die "could not create database $PG_DB on $PG_HOST:$PG_PORT"
      DB_CREATED=1
      DB_NAME=$PG_DB
      say "created database $PG_DB on $PG_HOST:$PG_PORT"
    elif [ "$DB_CREATED" != 1 ]; then
      say "database $PG_DB exists already: used as it is (down --drop leaves it)"
    fi
    # each node keeps a pool of up to 20 connections (spring.datasource.hikari.maximum-pool-size)
    local max_connections
    max_connections=$(pg postgres -c "show max_connections" 2>/dev/null || echo 0)
    if [ "$max_connections" -gt 0 ] && [ $((nodes * 20 + 10)) -gt "$max_connections" ]; then
      say "warning: $nodes nodes may open $((nodes * 20)) connections; PostgreSQL allows $max_connections (max_connections)"
    fi
  else
    say "no psql: the database in HUITONG_DB_URL must exist"
  fi

  # what the nodes share
  HUITONG_ADMIN_KEY=${HUITONG_ADMIN_KEY:-hk_cluster_$(random_hex 16)}
  HUITONG_MASTER_KEY=${HUITONG_MASTER_KEY:-$(head -c 32 /dev/urandom | base64)}
  HUITONG_CHANNELS_BANK_SIGNING_KEY=${HUITONG_CHANNELS_BANK_SIGNING_KEY:-$(random_hex 32)}
  HUITONG_SIMULATOR_URL=${HUITONG_SIMULATOR_URL:-http://127.0.0.1:$SIM_PORT}
  HUITONG_PUBLIC_URL=${HUITONG_PUBLIC_URL:-$LB_URL}
  if [ -z "${HUITONG_REDIS_URL:-}" ] && [ "$redis" = 1 ] && port_open 6379; then HUITONG_REDIS_URL=redis://127.0.0.1:6379; fi
  if [ -n "${HUITONG_REDIS_URL:-}" ]; then HUITONG_RISK_REDIS_PREFIX=${HUITONG_RISK_REDIS_PREFIX:-huitong:$PG_DB:risk:}; fi
  if [ -z "${HUITONG_RABBITMQ_URL:-}" ] && [ "$rabbit" = 1 ] && port_open 5672; then
    HUITONG_RABBITMQ_URL=amqp://guest:guest@127.0.0.1:5672
  fi
  save_state
  UP_DONE=0
  trap 'if [ "$UP_DONE" != 1 ]; then echo "cluster: up failed; stopping what it started" >&2; (cmd_down) >/dev/null 2>&1 || true; fi' EXIT

  start_simulator
  local i
  for i in $(seq 1 "$nodes"); do start_node "$i"; done
  for i in $(seq 1 "$nodes"); do await_node "$i"; done
  start_nginx
  UP_DONE=1
  say "up: $nodes nodes behind $LB_URL (database $PG_DB; admin key in $ENV_FILE)"
  cmd_status || true
}

start_simulator() {
  local dir="$STATE/simulator"
  mkdir -p "$dir"
  (
    cd "$dir"
    export HUITONG_SIM_HOST=127.0.0.1 HUITONG_SIM_PORT="$SIM_PORT" HUITONG_SIM_ACQ_A_PORT=$((SIM_PORT + 1)) \
      HUITONG_SIM_ACQ_B_PORT=$((SIM_PORT + 2)) HUITONG_SIM_BANK_SIGNING_KEY="$HUITONG_CHANNELS_BANK_SIGNING_KEY"
    # shellcheck disable=SC2086
    exec nohup "$JAVA" ${HUITONG_CLUSTER_SIM_JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1} -Dcluster.process="$dir" \
      -jar "$SIM_JAR" >"$dir/simulator.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/pid"
  disown $! 2>/dev/null || true
  local _
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$SIM_PORT/control/channels" >/dev/null 2>&1; then
      say "simulator up (control API http://127.0.0.1:$SIM_PORT/control/channels)"
      return 0
    fi
    ours "$(pid_of "$dir/pid")" "$(mark "$dir")" || starting "$(pid_of "$dir/pid")" \
      || { tail -n 20 "$dir/simulator.log" >&2; die "the simulator stopped while starting"; }
    sleep 0.5
  done
  die "the simulator did not answer within 60 s (see $dir/simulator.log)"
}

start_node() {
  local i="$1" dir="$STATE/node-$i" port=$((BASE_PORT + i))
  mkdir -p "$dir"
  chmod 700 "$dir"
  (
    cd "$dir"
    # the environment's HUITONG_* for every node, but this script's and the simulator's own
    while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^HUITONG_(CLUSTER|SIM)_' || true)
    export HUITONG_PORT="$port" HUITONG_DATA_DIR="$dir" HUITONG_DB_URL HUITONG_DB_USER HUITONG_ADMIN_KEY HUITONG_MASTER_KEY \
      HUITONG_CHANNELS_BANK_SIGNING_KEY HUITONG_SIMULATOR_URL HUITONG_PUBLIC_URL
    if [ -n "${HUITONG_REDIS_URL:-}" ]; then export HUITONG_REDIS_URL HUITONG_RISK_REDIS_PREFIX; fi
    if [ -n "${HUITONG_RABBITMQ_URL:-}" ]; then export HUITONG_RABBITMQ_URL; fi
    # behind nginx: the client's address and scheme from X-Forwarded-* (sent by the local proxy only)
    # shellcheck disable=SC2086
    exec nohup "$JAVA" ${HUITONG_JAVA_OPTS:--Xmx1g -XX:MaxGCPauseMillis=20} -Dcluster.process="$dir" -jar "$JAR" \
      --server.forward-headers-strategy=native \
      >"$dir/node.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/pid"
  disown $! 2>/dev/null || true
  say "node-$i starting on port $port (pid $(cat "$dir/pid"), log $dir/node.log)"
}

await_node() {
  local i="$1" dir="$STATE/node-$i" port=$((BASE_PORT + i)) deadline=$((SECONDS + START_TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then
      say "node-$i ready on port $port"
      return 0
    fi
    if ! ours "$(pid_of "$dir/pid")" "$(mark "$dir")" && ! starting "$(pid_of "$dir/pid")"; then
      tail -n 30 "$dir/node.log" >&2
      die "node-$i stopped while starting (see $dir/node.log)"
    fi
    sleep 1
  done
  tail -n 30 "$dir/node.log" >&2
  die "node-$i was not ready within $START_TIMEOUT s (see $dir/node.log)"
}

start_nginx() {
  local dir="$STATE/nginx" servers="" i user=""
  mkdir -p "$dir/tmp"
  for i in $(seq 1 "$NODES"); do
    servers+="        server 127.0.0.1:$((BASE_PORT + i)) max_fails=1 fail_timeout=5s;"$'\n'
  done
  if [ "$(id -u)" = 0 ]; then
    # the workers must not run as root; they write request bodies to the temp dirs
    user="user nobody nogroup;"
    chown -R nobody:nogroup "$dir/tmp"
  fi
  awk -v state="$STATE" -v listen="127.0.0.1:$BASE_PORT" -v user="$user" -v servers="${servers%$'\n'}" '
    /^[ \t]*#/ { print; next }
    { gsub(/@STATE@/, state); gsub(/@LISTEN@/, listen); gsub(/@USER@/, user) }
    /@SERVERS@/ { print servers; next }
    { print }' "$TEMPLATE" >"$dir/nginx.conf"
  "$NGINX" -t -q -p "$dir" -c "$dir/nginx.conf" -g "daemon on;" 2>"$dir/check.log" || { cat "$dir/check.log" >&2; die "nginx refused $dir/nginx.conf"; }
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" -g "daemon on;"
  local _
  for _ in $(seq 1 50); do
    if [ -s "$dir/nginx.pid" ] && curl -sf "$LB_URL/actuator/health/readiness" >/dev/null 2>&1; then
      say "load balancer up at $LB_URL (nginx pid $(cat "$dir/nginx.pid"))"
      return 0
    fi
    sleep 0.2
  done
  die "nginx did not answer at $LB_URL (see $dir/error.log)"
}

# ---------------------------------------------------------------------------------------------------------------------

# the pids of this cluster's processes still running, one a line
running_pids() {
  local f dir
  for f in "$STATE"/node-*/pid "$STATE"/simulator/pid; do
    [ -f "$f" ] || continue
    dir=$(dirname "$f")
    if ours "$(cat "$f")" "$(mark "$dir")"; then cat "$f"; fi
  done
  f="$STATE/nginx/nginx.pid"
  if [ -f "$f" ] && ours "$(cat "$f")" "$STATE/nginx/nginx.conf"; then cat "$f"; fi
}

# each job's holder (from the lock table), as "job port" lines, when psql can reach the database
job_holders() {
  command -v psql >/dev/null || return 0
  parse_db_url "$HUITONG_DB_URL"
  pg "$PG_DB" -F ' ' -c "select name, locked_by from shedlock where lock_until > timezone('utc', current_timestamp) order by name" \
    2>/dev/null | sed -E 's#^([^ ]+) [^ /]*:([0-9]+)/.*#\1 \2#' || true
}

cmd_status() {
  load_state
  local i dir pid port state health jobs holders all_ok=0
  holders=$(job_holders)
  printf '%-10s %-8s %-6s %-8s %-9s %s\n' "process" "pid" "port" "state" "health" "jobs held"
  for i in $(seq 1 "$NODES"); do
    dir="$STATE/node-$i"
    pid=$(pid_of "$dir/pid")
    port=$((BASE_PORT + i))
    health="-"
    jobs=""
    if ours "$pid" "$(mark "$dir")"; then
      state=running
      health=$(curl -s -m 2 "http://127.0.0.1:$port/actuator/health/readiness" | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p')
      health=${health:-no answer}
      [ "$health" = UP ] || all_ok=1
      jobs=$(echo "$holders" | awk -v p="$port" '$2 == p { printf "%s%s", sep, $1; sep = "," }')
    else
      state=down
      all_ok=1
    fi
    printf '%-10s %-8s %-6s %-8s %-9s %s\n' "node-$i" "${pid:--}" "$port" "$state" "$health" "${jobs:--}"
  done
  pid=$(pid_of "$STATE/simulator/pid")
  if ours "$pid" "$(mark "$STATE/simulator")"; then state=running; else state=down; all_ok=1; fi
  printf '%-10s %-8s %-6s %-8s\n' "simulator" "${pid:--}" "$SIM_PORT" "$state"
  pid=$(pid_of "$STATE/nginx/nginx.pid")
  if ours "$pid" "$STATE/nginx/nginx.conf"; then state=running; else state=down; all_ok=1; fi
  printf '%-10s %-8s %-6s %-8s\n' "nginx" "${pid:--}" "$BASE_PORT" "$state"
  echo "$LB_URL"
  return $all_ok
}

# stops pid $1 (if it is still ours, $2) with TERM, then KILL after $3 seconds
stop_pid() {
  local pid="$1" mark="$2" wait="$3" _
  ours "$pid" "$mark" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((wait * 5))); do
    ours "$pid" "$mark" || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_down() {
  local drop=0 arg
  for arg in "$@"; do
    case "$arg" in
      --drop) drop=1 ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown option $arg (see ops/cluster.sh --help)" ;;
    esac
  done
  load_state
  local pid dir
  pid=$(pid_of "$STATE/nginx/nginx.pid")
  if ours "$pid" "$STATE/nginx/nginx.conf"; then
    kill -QUIT "$pid" 2>/dev/null || true
    stop_pid "$pid" "$STATE/nginx/nginx.conf" 10
    say "nginx stopped"
  fi
  # the nodes at once (each gives its job leases back as it stops), then the simulator
  local pids=()
  for dir in "$STATE"/node-*; do
    [ -d "$dir" ] || continue
    pid=$(pid_of "$dir/pid")
    if ours "$pid" "$(mark "$dir")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid:$dir")
    fi
  done
  local entry
  for entry in "${pids[@]}"; do
    stop_pid "${entry%%:*}" "$(mark "${entry#*:}")" 40
    say "$(basename "${entry#*:}") stopped"
  done
  pid=$(pid_of "$STATE/simulator/pid")
  if ours "$pid" "$(mark "$STATE/simulator")"; then
    stop_pid "$pid" "$(mark "$STATE/simulator")" 10
    say "simulator stopped"
  fi
  if [ "$drop" = 1 ]; then
    parse_db_url "$HUITONG_DB_URL"
    if [ "${DB_CREATED:-0}" = 1 ]; then
      pg postgres -c "drop database if exists $PG_DB with (force)" && say "dropped database $PG_DB"
    else
      say "database $PG_DB was not created by ops/cluster.sh: left as it is"
    fi
    # its keys go with it; logs stay
    rm -f "$ENV_FILE"
  fi
  say "down (logs in $STATE)"
}

cmd_start_node() {
  local i="${1:-}"
  load_state
  [[ "$i" =~ ^[0-9]+$ ]] && [ "$i" -ge 1 ] && [ "$i" -le "$NODES" ] || die "start-node needs a node number from 1 to $NODES"
  if ours "$(pid_of "$STATE/node-$i/pid")" "$(mark "$STATE/node-$i")"; then die "node-$i is running"; fi
  if port_open $((BASE_PORT + i)); then die "port $((BASE_PORT + i)) is taken by another process"; fi
  start_node "$i"
  await_node "$i"
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  start-node) shift; cmd_start_node "$@" ;;
  status) shift; cmd_status "$@" ;;
  down) shift; cmd_down "$@" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
