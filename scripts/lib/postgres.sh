# shellcheck shell=bash
# Throwaway PostgreSQL cluster for one test run. Sourced by scripts/test.sh.
#
#   pg_start   initdb + start a cluster in a fresh temp dir on a free 127.0.0.1 port.
#              On success sets PG_TMP_DIR, PG_PORT, PG_BIN and returns 0; on failure
#              prints why on stderr, removes what it created and returns 1.
#   pg_stop    immediate stop + remove the temp dir. Safe to call repeatedly and
#              when nothing was started; prints nothing.
#
# As root the cluster runs as the `postgres` system user (initdb refuses root),
# otherwise as the current user. Either way the superuser role is `postgres`
# and authentication is trust (local socket, 127.0.0.1 and ::1 only).

PG_TMP_DIR=""
PG_PORT=""
PG_BIN=""
PG_AS=()

pg_log() { echo "test.sh: $*" >&2; }

# Newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl; falls back to PATH.
pg_find_bin() {
  local dir best=""
  while IFS= read -r dir; do
    [[ -x $dir/initdb && -x $dir/pg_ctl ]] && best=$dir
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5V)
  if [[ -z $best ]] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    best=$(dirname "$(command -v initdb)")
  fi
  [[ -n $best ]] || return 1
  printf '%s\n' "$best"
}

# A TCP port that is free on 127.0.0.1 right now.
pg_free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' && return 0
  fi
  local port
  for ((port = 54320 + RANDOM % 1000; port < 65000; port++)); do
    if ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Runs a PostgreSQL binary as the cluster owner, from inside the temp dir
# (pg_ctl/initdb fail when the caller's cwd is not readable by `postgres`).
pg_run() {
  (cd "$PG_TMP_DIR" && "${PG_AS[@]}" "$@")
}

pg_start() {
  PG_BIN=$(pg_find_bin) || { pg_log "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb)."; return 1; }

  PG_AS=()
  if [[ $(id -u) -eq 0 ]]; then
    if ! id -u postgres >/dev/null 2>&1; then
      pg_log "running as root but there is no 'postgres' system user to run the cluster as."
      return 1
    fi
    PG_AS=(runuser -u postgres --)
  fi

  # /tmp rather than $TMPDIR: the postgres user must be able to reach it and the
  # unix socket path must stay short.
  PG_TMP_DIR=$(mktemp -d /tmp/claimdesk-pg.XXXXXXXX) || { pg_log "mktemp failed."; return 1; }
  chmod 700 "$PG_TMP_DIR"
  if [[ ${#PG_AS[@]} -gt 0 ]]; then
    chown postgres: "$PG_TMP_DIR"
  fi
  local data="$PG_TMP_DIR/data" log="$PG_TMP_DIR/postgres.log" locale

  local initdb_ok=0
  for locale in C.UTF-8 C; do
    if pg_run "$PG_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale="$locale" -N \
        >"$PG_TMP_DIR/initdb.log" 2>&1; then
      initdb_ok=1
      break
    fi
    pg_run rm -rf "$data"
  done
  if [[ $initdb_ok -ne 1 ]]; then
    pg_log "initdb failed:"
    sed 's/^/    /' "$PG_TMP_DIR/initdb.log" >&2 || true
    pg_stop
    return 1
  fi

  pg_run sh -c "cat > '$data/pg_hba.conf'" <<'EOF'
local all all              trust
host  all all 127.0.0.1/32 trust
host  all all ::1/128      trust
EOF

  local attempt
  for attempt in 1 2 3; do
    PG_PORT=$(pg_free_port) || { pg_log "no free TCP port found."; pg_stop; return 1; }
    # Later settings win, so appending overrides initdb's defaults (and an earlier attempt's port).
    pg_run sh -c "cat >> '$data/postgresql.conf'" <<EOF

# --- scripts/test.sh: throwaway test cluster ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_TMP_DIR'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
max_parallel_workers_per_gather = 0
timezone = 'UTC'
log_timezone = 'UTC'
EOF
    pg_run rm -f "$log"
    if pg_run "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1; then
      return 0
    fi
    pg_log "PostgreSQL did not start on port $PG_PORT (attempt $attempt of 3); its log:"
    tail -n 20 "$log" 2>/dev/null | sed 's/^/    /' >&2 || true
    # A failed start may still leave a postmaster behind.
    pg_run "$PG_BIN/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  done
  pg_stop
  return 1
}

pg_stop() {
  local dir=$PG_TMP_DIR
  [[ -n $dir && -d $dir ]] || return 0
  local data="$dir/data"
  if [[ -f $data/postmaster.pid ]]; then
    if ! pg_run "$PG_BIN/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1; then
      local pid
      pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
      if [[ $pid =~ ^[0-9]+$ ]]; then
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  fi
  rm -rf "$dir"
  PG_TMP_DIR=""
}
