# shellcheck shell=bash
# Private PostgreSQL clusters for scripts/run and scripts/test. Source this file; it defines functions only.
#
#   pg_use_existing            -> 0 and exports DIPLOTRACK_DB when the user already gave a server
#   pg_run_cluster_start       -> the persistent run cluster (.data/postgres, port DIPLOTRACK_PG_PORT or 54329)
#   pg_run_cluster_stop
#   pg_test_cluster_start      -> a throwaway cluster under mktemp -d, stopped and removed on exit
#
# PostgreSQL refuses to run as root, so as root every server command runs as the `postgres` OS user
# (docs/decisions/0001-local-postgres-without-docker.md). Both clusters listen on 127.0.0.1 only and ask every
# role for its password (SCRAM): trust would let any local user in as the superuser and make the reporting
# role's password meaningless. The superuser's password is generated at initdb and kept beside the data
# directory in <datadir>.password (mode 600, git-ignored under .data/).

PG_DB_NAME=diplotrack
PG_SUPERUSER=postgres

pg_log() { printf '[db] %s\n' "$*" >&2; }
pg_die() { printf '[db] error: %s\n' "$*" >&2; exit 1; }

# Debian puts the server binaries in /usr/lib/postgresql/<major>/bin, not on PATH (this image adds links,
# a fresh one does not). Prefer PATH, then the newest installed major version.
pg_find_bindir() {
  if [[ -n "${PG_BIN:-}" ]]; then return 0; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    PG_BIN=$(dirname "$(readlink -f "$(command -v initdb)")")
  else
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$d" && -x "$d/initdb" ]] ||
      pg_die "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them (Debian: apt-get install -y postgresql) or set DIPLOTRACK_DB to an existing server."
    PG_BIN=$d
  fi
}

# Runs a server command as the user that may own a cluster: `postgres` when we are root, else ourselves.
pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$PG_SUPERUSER" -- "$@"
  else
    "$@"
  fi
}

# Prepares an (empty or existing) data directory so that its owner can use it. Returns 1 when the owner
# cannot reach it (e.g. a clone under /root, which `postgres` cannot traverse), so the caller can fall back.
pg_prepare_datadir() {
  local dir=$1
  mkdir -p "$dir" || return 1
  if [[ $(id -u) -eq 0 ]]; then
    id -u "$PG_SUPERUSER" >/dev/null 2>&1 ||
      pg_die "running as root but there is no '$PG_SUPERUSER' OS user to run PostgreSQL as (apt-get install -y postgresql creates it)"
    chown -R "$PG_SUPERUSER:" "$dir" 2>/dev/null || return 1
  fi
  chmod 700 "$dir" 2>/dev/null || return 1
  # Opening the directory by its full path needs search permission on every parent, so this one check covers them.
  pg_as_owner test -r "$dir" -a -w "$dir" -a -x "$dir" 2>/dev/null
}

# Unix socket paths are limited to ~107 bytes; a deep checkout would break the server start, so use /tmp then.
pg_socket_dir() {
  local dir=$1
  if (( ${#dir} < 80 )); then printf '%s' "$dir"; else printf '/tmp'; fi
}

pg_port_in_use() {
  # Any answer (even a refusal by a non-PostgreSQL program) means the port is taken.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_free_port() {
  local port tries=0
  while (( tries++ < 50 )); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
    pg_port_in_use "$port" || { printf '%s' "$port"; return 0; }
  done
  pg_die "could not find a free TCP port on 127.0.0.1"
}

pg_connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s' "$1" "$PG_SUPERUSER" "$PG_PASSWORD" "$PG_DB_NAME"
}

pg_new_password() {
  # 32 characters from [A-Za-z0-9]: no character that needs quoting in a connection string or in SQL.
  # (A bounded read: `tr </dev/urandom | head` dies of SIGPIPE, which pipefail turns into a failure.)
  local p
  p=$(head -c 1024 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')
  printf '%s' "${p:0:32}"
}

# The superuser password of the cluster in $1, from <dir>.password (readable only by its owner).
pg_password_file() { printf '%s.password' "$1"; }

pg_load_password() {
  local file
  file=$(pg_password_file "$1")
  [[ -r "$file" ]] || return 1
  PG_PASSWORD=$(<"$file")
  export PGPASSWORD=$PG_PASSWORD
}

pg_save_password() {
  local file
  file=$(pg_password_file "$1")
  (umask 077 && printf '%s' "$2" >"$file")
  chmod 600 "$file"
}

# initdb on first use of a data directory, with password (SCRAM) authentication for every connection.
pg_init_if_needed() {
  local dir=$1 pwfile password
  if [[ ! -f "$dir/PG_VERSION" ]]; then
    pg_log "creating a new cluster in $dir"
    password=$(pg_new_password)
    pg_save_password "$dir" "$password"
    # initdb runs as the cluster's owner and reads the password from a file only it can read; removed at once.
    pwfile=$(mktemp "${TMPDIR:-/tmp}/diplotrack-pw.XXXXXX")
    printf '%s' "$password" >"$pwfile"
    [[ $(id -u) -eq 0 ]] && chown "$PG_SUPERUSER:" "$pwfile"
    pg_as_owner "$PG_BIN/initdb" -D "$dir" -U "$PG_SUPERUSER" --pwfile="$pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 --no-sync >"$dir.initdb.log" 2>&1 ||
      { rm -f "$pwfile"; cat "$dir.initdb.log" >&2; pg_die "initdb failed in $dir"; }
    rm -f "$pwfile" "$dir.initdb.log"
  fi
  pg_load_password "$dir" ||
    pg_die "the cluster in $dir has no password file $(pg_password_file "$dir") (it was made before passwords were used: delete $dir to start afresh, or run scripts/run once to convert it)"
}

# A run cluster made before passwords were used (trust for everyone): give the superuser a generated password
# and switch pg_hba.conf to SCRAM. Needs the server running; reloads it.
pg_convert_trust_cluster() {
  local dir=$1 port=$2 password
  [[ -f "$(pg_password_file "$dir")" ]] && return 0
  grep -Eq '^[^#]*[[:space:]]trust[[:space:]]*$' "$dir/pg_hba.conf" || return 0
  pg_log "switching the run cluster in $dir from trust to password (SCRAM) authentication"
  password=$(pg_new_password)
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$PG_SUPERUSER" -d postgres \
    -c "SET password_encryption = 'scram-sha-256'; ALTER ROLE $PG_SUPERUSER PASSWORD '$password'" >/dev/null
  pg_save_password "$dir" "$password"
  pg_as_owner sed -i -E 's/[[:space:]]trust[[:space:]]*$/ scram-sha-256/' "$dir/pg_hba.conf"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" reload >/dev/null
  pg_load_password "$dir"
}

# Starts the cluster in $1 on port $2 with extra `-c` settings in $3. Returns 1 if the server did not start
# (the caller decides whether to retry on another port).
pg_start() {
  local dir=$1 port=$2 extra=${3:-} sock
  sock=$(pg_socket_dir "$dir")
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $sock -c listen_addresses=127.0.0.1 $extra" start >/dev/null 2>&1 || return 1
  pg_wait_ready "$port"
}

pg_wait_ready() {
  local port=$1 i
  for i in $(seq 1 60); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$PG_SUPERUSER" && return 0
    sleep 0.5
  done
  return 1
}

pg_create_db_if_missing() {
  local port=$1 psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$PG_SUPERUSER" -d postgres)
  if [[ -z $("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB_NAME'") ]]; then
    "${psql[@]}" -c "CREATE DATABASE $PG_DB_NAME" >/dev/null
  fi
}

# A server given by the user wins: neither script starts a cluster then.
pg_use_existing() {
  if [[ -n "${DIPLOTRACK_DB:-}" ]]; then
    :
  elif [[ -n "${ConnectionStrings__Diplotrack:-}" ]]; then
    DIPLOTRACK_DB=$ConnectionStrings__Diplotrack
  else
    return 1
  fi
  export DIPLOTRACK_DB
  export ConnectionStrings__Diplotrack="${ConnectionStrings__Diplotrack:-$DIPLOTRACK_DB}"
  pg_log "using the server given in the environment (no private cluster started)"
  return 0
}

pg_export() {
  DIPLOTRACK_DB=$(pg_connection_string "$1")
  ConnectionStrings__Diplotrack=$DIPLOTRACK_DB
  export DIPLOTRACK_DB ConnectionStrings__Diplotrack
}

# ---- run cluster: persistent, reused, left running -------------------------------------------------

# Where the run cluster lives: <repo>/.data/postgres, or a /tmp directory when `postgres` cannot reach the repo.
pg_run_datadir() {
  local repo=$1 preferred=$1/.data/postgres fallback
  fallback=/tmp/diplotrack-$(printf '%s' "$repo" | cksum | cut -d' ' -f1)/postgres
  if [[ -f "$fallback/PG_VERSION" && ! -f "$preferred/PG_VERSION" ]]; then
    printf '%s' "$fallback"; return 0
  fi
  if pg_prepare_datadir "$preferred"; then
    printf '%s' "$preferred"
  else
    pg_log "note: the '$PG_SUPERUSER' user cannot use $preferred (a parent directory is not traversable or not chown-able);"
    pg_log "      keeping the run database in $fallback instead"
    mkdir -p "$(dirname "$fallback")" && chmod 755 "$(dirname "$fallback")"
    pg_prepare_datadir "$fallback" || pg_die "cannot prepare a data directory for PostgreSQL in $fallback"
    printf '%s' "$fallback"
  fi
}

# Port of a running cluster, read from postmaster.pid (4th line), or nothing when it is not running.
pg_running_port() {
  local dir=$1
  if pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    sed -n 4p "$dir/postmaster.pid"
  fi
}

pg_run_cluster_start() {
  local repo=$1 port=${DIPLOTRACK_PG_PORT:-54329} dir running legacy=
  pg_find_bindir
  dir=$(pg_run_datadir "$repo") || exit 1
  if [[ -f "$dir/PG_VERSION" && ! -f "$(pg_password_file "$dir")" ]]; then
    legacy=1 # converted below, once the server answers
  else
    pg_init_if_needed "$dir"
  fi
  running=$(pg_running_port "$dir")
  if [[ -n "$running" ]]; then
    [[ "$running" == "$port" ]] || pg_log "note: the run cluster is already running on port $running (not $port); using it"
    port=$running
    pg_wait_ready "$port" || pg_die "the run cluster in $dir is running but does not answer on port $port (log: $dir/server.log)"
    pg_log "reusing the run cluster in $dir on port $port"
  else
    pg_port_in_use "$port" &&
      pg_die "port $port on 127.0.0.1 is taken by another program; choose another with DIPLOTRACK_PG_PORT=NNNNN"
    pg_start "$dir" "$port" ||
      { tail -n 20 "$dir/server.log" >&2 2>/dev/null; pg_die "PostgreSQL did not start (log: $dir/server.log)"; }
    pg_log "started the run cluster in $dir on port $port"
  fi
  if [[ -n "$legacy" ]]; then pg_convert_trust_cluster "$dir" "$port"; fi
  pg_create_db_if_missing "$port"
  pg_export "$port"
}

pg_run_cluster_stop() {
  local repo=$1 dir
  pg_find_bindir
  for dir in "$repo/.data/postgres" "/tmp/diplotrack-$(printf '%s' "$repo" | cksum | cut -d' ' -f1)/postgres"; do
    [[ -f "$dir/PG_VERSION" ]] || continue
    if [[ -n $(pg_running_port "$dir") ]]; then
      pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
      pg_log "stopped the run cluster in $dir (its data is kept; delete the directory to start afresh)"
    else
      pg_log "the run cluster in $dir is not running"
    fi
    return 0
  done
  pg_log "there is no run cluster for $repo"
}

# ---- test cluster: throwaway, fast, removed on exit ------------------------------------------------

PG_TEST_DIR=

pg_test_cluster_cleanup() {
  [[ -n "$PG_TEST_DIR" && -d "$PG_TEST_DIR" ]] || return 0
  if [[ -f "$PG_TEST_DIR/data/postmaster.pid" ]]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_TEST_DIR"
  pg_log "removed the test cluster $PG_TEST_DIR"
  PG_TEST_DIR=
}

pg_test_cluster_start() {
  local port attempt
  pg_find_bindir
  # Removed on any exit: normal, failure (set -e) or Ctrl-C / kill (turned into an exit by these traps).
  trap 'pg_test_cluster_cleanup' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  PG_TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/diplotrack-test.XXXXXX")
  chmod 755 "$PG_TEST_DIR"
  if ! pg_prepare_datadir "$PG_TEST_DIR/data"; then
    rm -rf "$PG_TEST_DIR"
    PG_TEST_DIR=$(mktemp -d /tmp/diplotrack-test.XXXXXX)
    chmod 755 "$PG_TEST_DIR"
    pg_log "note: '$PG_SUPERUSER' cannot reach ${TMPDIR:-/tmp}; using $PG_TEST_DIR instead"
    pg_prepare_datadir "$PG_TEST_DIR/data" || pg_die "cannot prepare a data directory for PostgreSQL in $PG_TEST_DIR"
  fi
  pg_init_if_needed "$PG_TEST_DIR/data"
  # Durability is worthless for a cluster deleted after the run; turning it off makes tests much faster.
  for attempt in 1 2 3 4 5; do
    port=$(pg_free_port) || exit 1
    if pg_start "$PG_TEST_DIR/data" "$port" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"; then
      pg_create_db_if_missing "$port"
      pg_export "$port"
      pg_log "started a throwaway test cluster on port $port in $PG_TEST_DIR (removed on exit)"
      return 0
    fi
    # Another process may have taken the port between the check and the start: try another one.
    pg_log "PostgreSQL did not start on port $port (attempt $attempt); retrying"
  done
  tail -n 20 "$PG_TEST_DIR/data/server.log" >&2 2>/dev/null
  pg_die "could not start the test cluster"
}
