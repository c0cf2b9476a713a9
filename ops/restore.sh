#!/usr/bin/env bash
# Restores a backup of ops/backup.sh into a new database: PostgreSQL from a base backup and the WAL archive, to a
# point in time or to the end of the archive; H2 from its SQL script into a new data dir. Never writes over an
# existing database: point the platform at the restored one once it is checked (docs/runbooks/restore-from-backup.md).
set -euo pipefail

usage() {
  cat <<'EOF'
usage:
  ops/restore.sh postgres --backup BASE_DIR --wal-archive ARCHIVE_DIR --pgdata NEW_PGDATA --port PORT
                          [--target-time 'YYYY-MM-DD HH:MM:SS+00'] [--bin /usr/lib/postgresql/15/bin] [--no-start]
                          [--data-dir NEW_DATA_DIR]
      a new cluster in NEW_PGDATA (which must not exist or be empty) from BASE_DIR (base.tar.gz, pg_wal.tar.gz),
      replaying ARCHIVE_DIR up to --target-time (else to the end of the archive), then promoted; started on
      127.0.0.1:PORT unless --no-start. Its WAL archiving is off: give it an archive of its own before it takes traffic.
      With --data-dir, the platform's key files of the backup (keys.tar) are put in NEW_DATA_DIR.
  ops/restore.sh h2 --backup H2_BACKUP_DIR --data-dir NEW_DATA_DIR [--jar app/target/huitong.jar]
      a new data dir with the H2 database from H2_BACKUP_DIR/huitong.sql.zip and the key files of keys.tar

Run as root, PostgreSQL's programs run as the postgres user (PostgreSQL refuses to run as root).
EOF
}

die() {
  echo "restore: $*" >&2
  exit 1
}

# runs a PostgreSQL program as postgres when we are root, as ourselves otherwise
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

restore_keys() {
  local from="$1" data_dir="$2"
  if [ -f "$from/keys.tar" ]; then
    (umask 077 && tar -C "$data_dir" -xf "$from/keys.tar")
    echo "key files restored into $data_dir"
  fi
}

restore_postgres() {
  local backup="" archive="" pgdata="" port="" target="" bin="/usr/lib/postgresql/15/bin" start=1 data_dir=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --backup) backup="$2"; shift 2 ;;
      --wal-archive) archive="$2"; shift 2 ;;
      --pgdata) pgdata="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --target-time) target="$2"; shift 2 ;;
      --bin) bin="$2"; shift 2 ;;
      --no-start) start=0; shift ;;
      --data-dir) data_dir="$2"; shift 2 ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  if [ -z "$backup" ] || [ -z "$archive" ] || [ -z "$pgdata" ] || [ -z "$port" ]; then usage >&2; exit 2; fi
  [ -f "$backup/base.tar.gz" ] || die "no base.tar.gz in $backup"
  [ -d "$archive" ] || die "WAL archive $archive does not exist"
  [ -x "$bin/pg_ctl" ] || die "no pg_ctl in $bin (--bin)"
  if [ -d "$pgdata" ] && [ -n "$(ls -A "$pgdata")" ]; then die "$pgdata is not empty: restore into a new directory"; fi
  case "$port" in '' | *[!0-9]*) die "--port must be a number" ;; esac

  mkdir -p "$pgdata"
  tar -C "$pgdata" -xzf "$backup/base.tar.gz"
  if [ -f "$backup/pg_wal.tar.gz" ]; then tar -C "$pgdata/pg_wal" -xzf "$backup/pg_wal.tar.gz"; fi
  # a cluster whose configuration lives outside its data dir (Debian's /etc/postgresql): a minimal loopback-only one
  if [ ! -f "$pgdata/postgresql.conf" ]; then
    printf "listen_addresses = '127.0.0.1'\n" >"$pgdata/postgresql.conf"
  fi
  if [ ! -f "$pgdata/pg_hba.conf" ]; then
    printf 'local all all peer\nhost all all 127.0.0.1/32 scram-sha-256\n' >"$pgdata/pg_hba.conf"
  fi
  {
    echo "# restored by ops/restore.sh from $backup at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "archive_mode = off"
    echo "restore_command = 'cp \"$archive/%f\" \"%p\"'"
    if [ -n "$target" ]; then
      echo "recovery_target_time = '$target'"
      echo "recovery_target_inclusive = false"
    fi
    echo "recovery_target_action = 'promote'"
  } >>"$pgdata/postgresql.auto.conf"
  touch "$pgdata/recovery.signal"
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$pgdata"; fi
  chmod 700 "$pgdata"
  echo "restored base backup into $pgdata${target:+, to recover up to $target}"
  if [ -n "$data_dir" ]; then
    mkdir -p "$data_dir"
    chmod 700 "$data_dir"
    restore_keys "$backup" "$data_dir"
  fi
  [ "$start" = 1 ] || return 0

  as_pg "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/restore.log" -w -t 600 start >/dev/null \
    || { tail -n 20 "$pgdata/restore.log" >&2; die "the restored cluster did not start"; }
  local i
  for i in $(seq 1 600); do
    # promoted once recovery reached its target: the control file says "in production" (no password needed to read it)
    if LC_ALL=C as_pg "$bin/pg_controldata" -D "$pgdata" | grep -q '^Database cluster state: *in production'; then
      echo "recovered and promoted: 127.0.0.1:$port"
      return 0
    fi
    [ "$i" -lt 600 ] && sleep 1
  done
  tail -n 20 "$pgdata/restore.log" >&2
  die "recovery did not finish in 10 minutes (see $pgdata/restore.log)"
}

restore_h2() {
  local backup="" data_dir="" jar="app/target/huitong.jar"
  while [ $# -gt 0 ]; do
    case "$1" in
      --backup) backup="$2"; shift 2 ;;
      --data-dir) data_dir="$2"; shift 2 ;;
      --jar) jar="$2"; shift 2 ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  if [ -z "$backup" ] || [ -z "$data_dir" ]; then usage >&2; exit 2; fi
  [ -f "$backup/huitong.sql.zip" ] || die "no huitong.sql.zip in $backup"
  [ ! -e "$data_dir/huitong.mv.db" ] || die "$data_dir already holds a database: restore into a new data dir"
  [ -f "$jar" ] || die "$jar not found: build it with ./mvnw -B -DskipTests package, or pass --jar"
  local java entry tmp
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=$(command -v java) || die "no java: set JAVA_HOME"; fi
  entry=$(unzip -Z1 "$jar" 'BOOT-INF/lib/h2-*.jar' 2>/dev/null | head -n1) || true
  [ -n "$entry" ] || die "no H2 library in $jar"
  tmp=$(mktemp -d)
  TMP_DIR="$tmp"
  trap 'rm -rf "$TMP_DIR"' EXIT
  unzip -p "$jar" "$entry" >"$tmp/h2.jar"
  mkdir -p "$data_dir"
  chmod 700 "$data_dir"
  local abs
  abs=$(cd "$data_dir" && pwd)
  "$java" -cp "$tmp/h2.jar" org.h2.tools.RunScript \
    -url "jdbc:h2:file:$abs/huitong;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    -user "${HUITONG_DB_USER:-sa}" -password "${HUITONG_DB_PASSWORD:-}" -script "$backup/huitong.sql.zip" -options compression zip
  chmod 600 "$data_dir/huitong.mv.db"
  restore_keys "$backup" "$data_dir"
  echo "H2 database restored into $data_dir: start the platform with HUITONG_DATA_DIR=$data_dir"
}

case "${1:-}" in
  postgres) shift; restore_postgres "$@" ;;
  h2) shift; restore_h2 "$@" ;;
  -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
