#!/usr/bin/env bash
# Backs up Huitong's database: PostgreSQL (a base backup; point-in-time recovery also needs the WAL archive that
# archive-wal fills) or the embedded H2 database (a consistent SQL script, taken while the platform is stopped).
# Restores are ops/restore.sh; the whole procedure is drilled by ops/drill-restore.sh.
set -euo pipefail

usage() {
  cat <<'EOF'
usage:
  ops/backup.sh postgres --dir BACKUP_DIR [--host 127.0.0.1] [--port 5432] [--user postgres] [--data-dir DATA_DIR]
      a base backup with pg_basebackup (tar, gzip, with the WAL it needs) into BACKUP_DIR/base-<UTC time>/;
      with --data-dir, the platform's key files (master.keys, ...) too, in keys.tar beside it
  ops/backup.sh h2 --dir BACKUP_DIR [--data-dir ./data] [--jar app/target/huitong.jar]
      the embedded H2 database of DATA_DIR as a compressed SQL script (BACKUP_DIR/h2-<UTC time>/huitong.sql.zip) and
      the key files of DATA_DIR (keys.tar); the platform must be stopped (H2 refuses while it holds the database)
  ops/backup.sh archive-wal WAL_PATH WAL_NAME ARCHIVE_DIR
      PostgreSQL's archive_command: copies one WAL segment into ARCHIVE_DIR, durably, never overwriting a different
      one; in postgresql.conf:
        wal_level = replica
        archive_mode = on
        archive_timeout = 60
        archive_command = '/path/to/ops/backup.sh archive-wal %p %f /var/backups/huitong/wal'

PostgreSQL is reached on the loopback interface only (127.0.0.1, ::1 or localhost), or through its socket
directory (--host /var/run/postgresql: as root, pg_basebackup then runs as the postgres user, which Debian's
pg_hba.conf lets make replication connections by default). Over TCP the server's pg_hba.conf needs a line such as
"host replication postgres 127.0.0.1/32 scram-sha-256"; PGPASSWORD or ~/.pgpass supply the password.
EOF
}

die() {
  echo "backup: $*" >&2
  exit 1
}

stamp() {
  date -u +%Y%m%dT%H%M%SZ
}

loopback_only() {
  case "$1" in
    127.0.0.1 | ::1 | localhost | /*) ;;
    *) die "host $1 is neither a loopback address nor a socket directory; run the backup on the database's machine" ;;
  esac
}

# the platform's key files (master keys, the generated TLS certificate), never the database files or logs
backup_keys() {
  local data_dir="$1" out="$2"
  [ -d "$data_dir" ] || die "data dir $data_dir does not exist"
  local files=()
  local f
  for f in master.keys master.key tls-localhost.crt tls-localhost.key; do
    if [ -f "$data_dir/$f" ]; then files+=("$f"); fi
  done
  if [ "${#files[@]}" -eq 0 ]; then
    echo "no key files in $data_dir (keys from HUITONG_MASTER_KEY are kept by whoever keeps that variable)"
    return 0
  fi
  (umask 077 && tar -C "$data_dir" -cf "$out/keys.tar" "${files[@]}")
  echo "key files (${files[*]}) in $out/keys.tar: store them apart from the database backups"
}

backup_postgres() {
  local dir="" host="127.0.0.1" port="5432" user="postgres" data_dir=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) dir="$2"; shift 2 ;;
      --host) host="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --user) user="$2"; shift 2 ;;
      --data-dir) data_dir="$2"; shift 2 ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  [ -n "$dir" ] || { usage >&2; exit 2; }
  loopback_only "$host"
  command -v pg_basebackup >/dev/null || die "pg_basebackup is not installed (Debian: postgresql-client)"
  local label out
  label="huitong-$(stamp)"
  out="$dir/base-${label#huitong-}"
  [ ! -e "$out" ] || die "$out exists"
  mkdir -p "$dir"
  local started
  started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  local run=()
  mkdir -m 700 "$out"
  if [ "${host:0:1}" = / ] && [ "$(id -u)" = 0 ]; then
    # peer authentication on the socket: as the database's own user
    chown "$user" "$out"
    run=(runuser -u "$user" --)
  fi
  "${run[@]}" pg_basebackup -h "$host" -p "$port" -U "$user" -w -D "$out" -Ft -z -X stream --checkpoint=fast -l "$label"
  tar -tzf "$out/base.tar.gz" >/dev/null || die "$out/base.tar.gz cannot be read back"
  tar -tzf "$out/pg_wal.tar.gz" >/dev/null || die "$out/pg_wal.tar.gz cannot be read back"
  {
    echo "label=$label"
    echo "kind=postgres"
    echo "started=$started"
    echo "finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "server=$host:$port"
  } >"$out/backup.info"
  if [ -n "$data_dir" ]; then backup_keys "$data_dir" "$out"; fi
  echo "base backup $label in $out"
}

h2_jar() {
  local jar="$1" tmp="$2"
  [ -f "$jar" ] || die "$jar not found: build it with ./mvnw -B -DskipTests package, or pass --jar"
  local entry
  entry=$(unzip -Z1 "$jar" 'BOOT-INF/lib/h2-*.jar' 2>/dev/null | head -n1) || true
  [ -n "$entry" ] || die "no H2 library in $jar"
  unzip -p "$jar" "$entry" >"$tmp/h2.jar"
  echo "$tmp/h2.jar"
}

java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; else command -v java || die "no java: set JAVA_HOME"; fi
}

h2_url() {
  echo "jdbc:h2:file:$1/huitong;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;IFEXISTS=TRUE"
}

backup_h2() {
  local dir="" data_dir="./data" jar="app/target/huitong.jar"
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) dir="$2"; shift 2 ;;
      --data-dir) data_dir="$2"; shift 2 ;;
      --jar) jar="$2"; shift 2 ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  [ -n "$dir" ] || { usage >&2; exit 2; }
  [ -f "$data_dir/huitong.mv.db" ] || die "no H2 database at $data_dir/huitong.mv.db"
  local tmp out
  tmp=$(mktemp -d)
  TMP_DIR="$tmp"
  trap 'rm -rf "$TMP_DIR"' EXIT
  out="$dir/h2-$(stamp)"
  [ ! -e "$out" ] || die "$out exists"
  mkdir -p "$out"
  chmod 700 "$out"
  local h2
  h2=$(h2_jar "$jar" "$tmp")
  if ! "$(java_bin)" -cp "$h2" org.h2.tools.Script -url "$(h2_url "$(cd "$data_dir" && pwd)")" -user "${HUITONG_DB_USER:-sa}" \
      -password "${HUITONG_DB_PASSWORD:-}" -script "$out/huitong.sql.zip" -options compression zip 2>"$tmp/err"; then
    rm -rf "$out"
    if grep -q "already in use" "$tmp/err"; then die "the platform holds $data_dir/huitong.mv.db: stop it first (H2 allows one process)"; fi
    cat "$tmp/err" >&2
    die "H2 script failed"
  fi
  chmod 600 "$out/huitong.sql.zip"
  echo "kind=h2" >"$out/backup.info"
  echo "finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$out/backup.info"
  backup_keys "$data_dir" "$out"
  echo "H2 backup in $out"
}

archive_wal() {
  [ $# -eq 3 ] || { usage >&2; exit 2; }
  local path="$1" name="$2" archive="$3"
  [ -d "$archive" ] || die "WAL archive $archive does not exist"
  if [ -f "$archive/$name" ]; then
    # archived before (a retry after a crash): fine if it is the same segment, an error if not
    cmp -s "$path" "$archive/$name" && exit 0
    die "$archive/$name exists with other content"
  fi
  cp "$path" "$archive/.$name.tmp"
  sync "$archive/.$name.tmp"
  mv "$archive/.$name.tmp" "$archive/$name"
  sync "$archive"
}

case "${1:-}" in
  postgres) shift; backup_postgres "$@" ;;
  h2) shift; backup_h2 "$@" ;;
  archive-wal) shift; archive_wal "$@" ;;
  -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
