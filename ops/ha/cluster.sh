#!/usr/bin/env bash
# A PostgreSQL primary and its synchronous standby under Patroni, with etcd as Patroni's store of the cluster's state
# (who leads, who is the synchronous standby), all on loopback, all in one state directory:
#
#   DIR/cluster.env        ports and passwords (owner only)
#   DIR/etcd/, etcd.log    a one-member etcd
#   DIR/pg1/, DIR/pg2/     each node: patroni.yml, data/ (PGDATA), patroni.log, log/ (PostgreSQL's log), its socket
#   DIR/*.pid              the PIDs this script started, the only processes `down` stops
#
# See docs/operations/high-availability.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: ops/ha/cluster.sh [--dir DIR] [--bin DIR] COMMAND [--wipe | --manual]

Commands:
  up          start etcd and two PostgreSQL nodes under Patroni (pg1 bootstraps and leads, pg2 is cloned from it and
              becomes its synchronous standby); waits until both run, creates the role and database huitong
  down        stop both nodes (standby first) and etcd, by the PIDs recorded in DIR; --wipe also deletes DIR
  status      patronictl list, the replication state and the JDBC URLs
  switchover  patronictl switchover to the synchronous standby; waits until the new primary takes writes and the
              old primary streams from it as its synchronous standby
  failover    a crash of the primary: kill -9 of its postmaster; Patroni promotes the synchronous standby, and the
              old primary rejoins as its standby (pg_rewind); waits for both
              --manual: patronictl failover to the standby instead (what an operator runs when Patroni cannot decide)
  env         the platform's settings for this cluster (HUITONG_DB_URL, HUITONG_DB_USER, HUITONG_DB_PASSWORD), to source
  psql ARGS   psql on the primary as the superuser, database huitong unless -d says otherwise (e.g. psql -c 'select 1')

Options:
  --dir DIR   the state directory (default: $HUITONG_HA_DIR, else /tmp/huitong-ha)
  --bin DIR   PostgreSQL 15's programs (default /usr/lib/postgresql/15/bin)

Everything listens on 127.0.0.1 only, on free ports chosen by `up` and kept in DIR/cluster.env. As root, etcd,
Patroni and PostgreSQL run as the postgres user (PostgreSQL refuses root). etcd-server and python3-etcd are installed
with apt-get when missing.
EOF
}

DIR="${HUITONG_HA_DIR:-/tmp/huitong-ha}"
BIN=/usr/lib/postgresql/15/bin
CMD=""
PSQL_ARGS=()
WIPE=0
MANUAL=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --wipe) WIPE=1; shift ;;
    --manual) MANUAL=1; shift ;;
    -h | --help) usage; exit 0 ;;
    up | down | status | switchover | failover | env) CMD="$1"; shift ;;
    psql) CMD=psql; shift; PSQL_ARGS=("$@"); break ;;
    *) usage >&2; exit 2 ;;
  esac
done
[ -n "$CMD" ] || { usage >&2; exit 2; }
case "$DIR" in /*) ;; *) DIR="$(pwd)/$DIR" ;; esac

NODES=(pg1 pg2)
SCOPE=huitong
NAMESPACE=/huitong-ha/

log() {
  echo "ha [$(date -u +%H:%M:%S)] $*" >&2
}

fail() {
  echo "ha: FAILED: $*" >&2
  exit 1
}

# the user PostgreSQL runs as: postgres when this runs as root, else whoever runs this
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid=postgres --regid=postgres --init-groups -- env HOME="$DIR" "$@"
  else
    env HOME="$DIR" "$@"
  fi
}

now_ms() {
  date +%s%3N
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    # below the kernel's ephemeral range (32768 on): a port an outgoing connection holds cannot be listened on
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! grep -qx "$port" "$DIR/.ports" 2>/dev/null; then
      echo "$port" >>"$DIR/.ports"
      echo "$port"
      return 0
    fi
  done
  fail "no free port"
}

ensure_packages() {
  local missing=()
  command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
  /usr/bin/python3 -c 'import etcd' >/dev/null 2>&1 || missing+=(python3-etcd)
  command -v patroni >/dev/null 2>&1 || missing+=(patroni)
  [ ${#missing[@]} = 0 ] && return 0
  [ "$(id -u)" = 0 ] || fail "missing ${missing[*]}: install them (apt-get install -y --no-install-recommends ${missing[*]})"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } \
    || fail "could not install ${missing[*]}"
}

load_env() {
  [ -f "$DIR/cluster.env" ] || fail "no cluster in $DIR (ops/ha/cluster.sh up)"
  # shellcheck disable=SC1091
  . "$DIR/cluster.env"
}

port_of() {
  case "$1" in pg1) echo "$PG1_PORT" ;; pg2) echo "$PG2_PORT" ;; esac
}

api_of() {
  case "$1" in pg1) echo "$API1_PORT" ;; pg2) echo "$API2_PORT" ;; esac
}

# whether a recorded PID is still the process it was (its command line names the state dir)
alive() {
  local pid="$1"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DIR/"
}

pid_of() {
  cat "$DIR/$1.pid" 2>/dev/null || true
}

# the postmaster's PID of a node, when it runs
postmaster_pid() {
  local file="$DIR/$1/data/postmaster.pid" pid
  [ -f "$file" ] || return 1
  pid=$(head -n1 "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DIR/$1/data" || return 1
  echo "$pid"
}

# starts "$@" in its own session, as the postgres user; its PID goes to DIR/$name.pid
start_bg() {
  local name="$1" logfile="$2"
  shift 2
  if [ "$(id -u)" = 0 ]; then
    setsid setpriv --reuid=postgres --regid=postgres --init-groups -- env HOME="$DIR" "$@" >>"$logfile" 2>&1 </dev/null &
  else
    setsid env HOME="$DIR" "$@" >>"$logfile" 2>&1 </dev/null &
  fi
  echo $! >"$DIR/$name.pid"
}

# the node's role as its Patroni's REST API says: primary (running, leading), sync (running, synchronous standby),
# replica (running, not synchronous), or down
role() {
  local api
  api=$(api_of "$1")
  if curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$api/primary"; then echo primary
  elif curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$api/sync"; then echo sync
  elif curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$api/replica"; then echo replica
  else echo down; fi
}

leader() {
  local node
  for node in "${NODES[@]}"; do
    if [ "$(role "$node")" = primary ]; then echo "$node"; return 0; fi
  done
  return 1
}

other() {
  if [ "$1" = pg1 ]; then echo pg2; else echo pg1; fi
}

# waits until one node leads (and takes writes) and the other is its synchronous standby; $1 the timeout in seconds,
# $2 the node that must lead (optional)
wait_healthy() {
  local timeout="$1" want="${2:-}" deadline lead
  deadline=$(( $(date +%s) + timeout ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if lead=$(leader) && { [ -z "$want" ] || [ "$lead" = "$want" ]; } && [ "$(role "$(other "$lead")")" = sync ]; then
      echo "$lead"
      return 0
    fi
    sleep 0.5
  done
  return 1
}

# whether a node's PostgreSQL takes writes (is out of recovery), asked of PostgreSQL itself
writable() {
  [ "$(as_pg env PGPASSWORD="$SUPERUSER_PASSWORD" PGCONNECT_TIMEOUT=2 "$BIN/psql" -h 127.0.0.1 -p "$(port_of "$1")" -U postgres \
    -d postgres -XAtq -c 'select pg_is_in_recovery()' 2>/dev/null)" = f ]
}

# waits until a node takes writes and Patroni has it lead; $1 the node, $2 the timeout in seconds. LAST_OLD_MS: when
# the other node last took writes; WRITABLE_MS: when this one first did
wait_leader() {
  local node="$1" timeout="$2" deadline
  deadline=$(( $(date +%s) + timeout ))
  LAST_OLD_MS=$(now_ms)
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if writable "$node"; then break; fi
    if writable "$(other "$node")"; then LAST_OLD_MS=$(now_ms); fi
    sleep 0.1
  done
  writable "$node" || return 1
  WRITABLE_MS=$(now_ms)
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$(role "$node")" = primary ]; then return 0; fi
    sleep 0.2
  done
  return 1
}

# psql on the primary as the superuser: database postgres unless the arguments name one with -d
psql_primary() {
  local lead
  lead=$(leader) || fail "no primary"
  as_pg env PGPASSWORD="$SUPERUSER_PASSWORD" PGDATABASE=postgres "$BIN/psql" -h 127.0.0.1 -p "$(port_of "$lead")" -U postgres \
    -XAtq -v ON_ERROR_STOP=1 "$@"
}

write_config() {
  local node="$1" pg_port api_port
  pg_port=$(port_of "$node")
  api_port=$(api_of "$node")
  mkdir -p "$DIR/$node/log"
  cat >"$DIR/$node/patroni.yml" <<EOF
# Patroni's configuration of node $node (written by ops/ha/cluster.sh up)
scope: $SCOPE
namespace: $NAMESPACE
name: $node

log:
  level: INFO

restapi:
  listen: 127.0.0.1:$api_port
  connect_address: 127.0.0.1:$api_port

etcd3:
  hosts: 127.0.0.1:$ETCD_PORT
  protocol: http

bootstrap:
  # written to etcd by the node that initialises the cluster; later changes: patronictl edit-config
  dcs:
    ttl: 20
    loop_wait: 2
    retry_timeout: 5
    # a commit is acknowledged once it is on the primary and flushed on the synchronous standby
    synchronous_mode: true
    # without a synchronous standby the primary keeps taking writes (on its own) rather than stopping them
    synchronous_mode_strict: false
    synchronous_node_count: 1
    # a crashed primary is not restarted in place: its synchronous standby takes over at once
    primary_start_timeout: 0
    maximum_lag_on_failover: 1048576
    postgresql:
      use_pg_rewind: true
      use_slots: true
      # an old primary that pg_rewind cannot bring back is cloned again from the new one
      remove_data_directory_on_rewind_failure: true
      remove_data_directory_on_diverged_timelines: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        synchronous_commit: "on"
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums

postgresql:
  listen: 127.0.0.1:$pg_port
  connect_address: 127.0.0.1:$pg_port
  data_dir: $DIR/$node/data
  bin_dir: $BIN
  pgpass: $DIR/$node/pgpass
  authentication:
    superuser:
      username: postgres
      password: "$SUPERUSER_PASSWORD"
    replication:
      username: replicator
      password: "$REPLICATION_PASSWORD"
    rewind:
      username: postgres
      password: "$SUPERUSER_PASSWORD"
  parameters:
    unix_socket_directories: "$DIR/$node"
    password_encryption: scram-sha-256
    logging_collector: "on"
    log_directory: "$DIR/$node/log"
    log_filename: postgresql-%a.log
    log_truncate_on_rotation: "on"
    log_line_prefix: "%m [%p] %q%u@%d "
  pg_hba:
    - local all all scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
    - host replication replicator 127.0.0.1/32 scram-sha-256

tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
  nosync: false
EOF
  chmod 600 "$DIR/$node/patroni.yml"
}

start_node() {
  local node="$1"
  if alive "$(pid_of "$node")"; then return 0; fi
  start_bg "$node" "$DIR/$node/patroni.log" patroni "$DIR/$node/patroni.yml"
  log "Patroni $node started (PID $(pid_of "$node")): PostgreSQL on 127.0.0.1:$(port_of "$node"), REST API on 127.0.0.1:$(api_of "$node")"
}

cmd_up() {
  ensure_packages
  [ -x "$BIN/initdb" ] || fail "no initdb in $BIN (--bin)"
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  if [ ! -f "$DIR/cluster.env" ]; then
    : >"$DIR/.ports"
    cat >"$DIR/cluster.env" <<EOF
ETCD_PORT=$(free_port)
ETCD_PEER_PORT=$(free_port)
PG1_PORT=$(free_port)
PG2_PORT=$(free_port)
API1_PORT=$(free_port)
API2_PORT=$(free_port)
SUPERUSER_PASSWORD=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
REPLICATION_PASSWORD=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
APP_PASSWORD=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
EOF
    chmod 600 "$DIR/cluster.env"
  fi
  load_env
  local node
  for node in "${NODES[@]}"; do write_config "$node"; done
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$DIR"; fi

  if ! alive "$(pid_of etcd)"; then
    start_bg etcd "$DIR/etcd.log" etcd --name huitong-ha --data-dir "$DIR/etcd" \
      --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
      --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
      --initial-cluster "huitong-ha=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-token "huitong-ha-$ETCD_PORT" \
      --auto-compaction-retention 1
  fi
  for _ in $(seq 1 60); do
    if curl -sf --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; then break; fi
    alive "$(pid_of etcd)" || { tail -n 20 "$DIR/etcd.log" >&2; fail "etcd stopped while starting"; }
    sleep 0.5
  done
  curl -sf --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" >/dev/null || fail "etcd does not answer on 127.0.0.1:$ETCD_PORT"
  log "etcd on 127.0.0.1:$ETCD_PORT (PID $(pid_of etcd))"

  local fresh=0
  [ -f "$DIR/pg1/data/PG_VERSION" ] || [ -f "$DIR/pg2/data/PG_VERSION" ] || fresh=1
  start_node pg1
  if [ "$fresh" = 1 ]; then
    # pg1 initialises the cluster alone, so that it is the first primary; pg2 is then cloned from it
    wait_leader pg1 120 || { tail -n 30 "$DIR/pg1/patroni.log" >&2; fail "pg1 did not become the primary"; }
  fi
  start_node pg2
  local lead
  lead=$(wait_healthy 180) || { tail -n 20 "$DIR/pg1/patroni.log" "$DIR/pg2/patroni.log" >&2; fail "no primary with a synchronous standby within 3 minutes"; }
  if [ "$(psql_primary -c "select count(*) from pg_roles where rolname = 'huitong'")" = 0 ]; then
    psql_primary -c "create role huitong login password '$APP_PASSWORD'" >/dev/null
  fi
  if [ "$(psql_primary -c "select count(*) from pg_database where datname = 'huitong'")" = 0 ]; then
    psql_primary -c "create database huitong owner huitong" >/dev/null
  fi
  log "up: $lead is the primary, $(other "$lead") its synchronous standby; database huitong, role huitong"
  log "JDBC: $(jdbc_url primary)"
}

jdbc_url() {
  echo "jdbc:postgresql://127.0.0.1:$PG1_PORT,127.0.0.1:$PG2_PORT/huitong?targetServerType=$1"
}

cmd_env() {
  load_env
  echo "HUITONG_DB_URL='$(jdbc_url primary)'"
  echo "HUITONG_DB_USER=huitong"
  echo "HUITONG_DB_PASSWORD='$APP_PASSWORD'"
}

stop_pid() {
  local name="$1" timeout="$2" pid
  pid=$(pid_of "$name")
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((timeout * 5))); do
      alive "$pid" || break
      sleep 0.2
    done
    if alive "$pid"; then
      log "$name (PID $pid) did not stop in $timeout s: killed"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$DIR/$name.pid"
}

cmd_down() {
  [ -d "$DIR" ] || { log "nothing in $DIR"; return 0; }
  local lead="" node order=() pid
  if [ -f "$DIR/cluster.env" ]; then
    load_env
    lead=$(leader 2>/dev/null) || lead=""
  fi
  # the standby first: a leader stopping first would hand the cluster to it
  if [ "$lead" = pg1 ]; then order=(pg2 pg1); else order=(pg1 pg2); fi
  for node in "${order[@]}"; do
    stop_pid "$node" 60
    if pid=$(postmaster_pid "$node"); then
      log "PostgreSQL of $node (PID $pid) still runs without Patroni: immediate stop"
      as_pg "$BIN/pg_ctl" -D "$DIR/$node/data" -m immediate -w stop >/dev/null 2>&1 || kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  stop_pid etcd 20
  if [ "$WIPE" = 1 ]; then
    rm -rf "$DIR"
    log "down: stopped, $DIR deleted"
  else
    log "down: stopped (data kept in $DIR; up starts it again, down --wipe deletes it)"
  fi
}

patronictl_() {
  as_pg patronictl -c "$DIR/pg1/patroni.yml" "$@"
}

cmd_status() {
  load_env
  patronictl_ list
  local lead
  if lead=$(leader); then
    psql_primary -c "select application_name, state, sync_state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) as replay_lag_bytes from pg_stat_replication" \
      | sed 's/^/  replication: /; s/|/  /g'
  fi
  echo "  platform:  $(jdbc_url primary)"
  echo "  reporting: $(jdbc_url preferSecondary)"
}

cmd_switchover() {
  load_env
  local lead cand t0
  lead=$(wait_healthy 30) || fail "no healthy pair to switch over (ops/ha/cluster.sh status)"
  cand=$(other "$lead")
  log "switchover: $lead -> $cand"
  t0=$(now_ms)
  # patronictl answers once the cluster settled; the new primary takes writes before that
  patronictl_ switchover --leader "$lead" --candidate "$cand" --force >&2 &
  local ctl=$!
  wait_leader "$cand" 60 || fail "$cand did not become the primary"
  log "$cand takes writes $((WRITABLE_MS - t0)) ms after the command; $lead was last seen taking writes $((WRITABLE_MS - LAST_OLD_MS)) ms before (polled with psql)"
  wait "$ctl" || fail "patronictl switchover failed"
  wait_healthy 120 "$cand" >/dev/null || fail "$lead did not come back as the synchronous standby of $cand"
  log "$lead streams from $cand as its synchronous standby ($(( $(now_ms) - t0 )) ms)"
}

cmd_failover() {
  load_env
  local lead cand pid t0
  lead=$(wait_healthy 30) || fail "no healthy pair to fail over (ops/ha/cluster.sh status)"
  cand=$(other "$lead")
  t0=$(now_ms)
  if [ "$MANUAL" = 1 ]; then
    log "failover (manual): $lead -> $cand"
    patronictl_ failover --leader "$lead" --candidate "$cand" --force >&2
  else
    pid=$(postmaster_pid "$lead") || fail "no postmaster of $lead"
    log "failover: kill -9 of the postmaster of $lead (PID $pid)"
    kill -KILL "$pid"
  fi
  wait_leader "$cand" 120 || fail "$cand did not become the primary"
  log "$cand takes writes after $((WRITABLE_MS - t0)) ms"
  wait_healthy 180 "$cand" >/dev/null || fail "$lead did not come back as the synchronous standby of $cand"
  log "$lead rejoined as the synchronous standby of $cand ($(( $(now_ms) - t0 )) ms)"
}

cmd_psql() {
  load_env

  case " ${PSQL_ARGS[*]} " in *" -d "*) ;; *) PSQL_ARGS=(-d huitong "${PSQL_ARGS[@]}") ;; esac
  psql_primary "${PSQL_ARGS[@]}"
}

case "$CMD" in
  up) cmd_up ;;
  psql) cmd_psql ;;
  down) cmd_down ;;
  status) cmd_status ;;
  switchover) cmd_switchover ;;
  failover) cmd_failover ;;
  env) cmd_env ;;
esac
