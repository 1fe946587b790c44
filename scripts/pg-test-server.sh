#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests: trust authentication, listening on 127.0.0.1 only,
# data and socket under /tmp, fsync off. Never use it for data you want to keep.
#
#   bash scripts/pg-test-server.sh          start (or reuse) it; prints `export REGSWEEP_TEST_PG=...`
#   eval "$(bash scripts/pg-test-server.sh)"
#   source scripts/pg-test-server.sh        start (or reuse) it and export REGSWEEP_TEST_PG in this shell
#   bash scripts/pg-test-server.sh stop     stop it and delete its data directory
#
# Settings: REGSWEEP_PG_PORT (default 54329), REGSWEEP_PG_BIN (default: PostgreSQL 15's bin directory,
# else the newest installed). Run as root (as CI is), the server runs as the `postgres` system user,
# because PostgreSQL refuses to run as root. Progress goes to stderr; stdout carries only the export line.

_regsweep_pg_server() (
  set -euo pipefail
  port="${REGSWEEP_PG_PORT:-54329}"
  base="/tmp/regsweep-pg-${port}"
  data="${base}/data"
  database="regsweep_test"
  url="postgres://postgres@127.0.0.1:${port}/${database}"

  bin="${REGSWEEP_PG_BIN:-}"
  if [[ -z "$bin" ]]; then
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
      bin=/usr/lib/postgresql/15/bin
    else
      bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    fi
  fi
  if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "pg-test-server: PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin); install them with: apt-get install -y postgresql" >&2
    exit 1
  fi

  # PostgreSQL will not run as root: use the postgres system user then, else whoever runs this.
  as_owner() { "$@"; }
  owner="$(id -un)"
  if [[ "$(id -u)" == 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "pg-test-server: running as root but there is no 'postgres' user to run the server as" >&2
      exit 1
    fi
    owner=postgres
    as_owner() { runuser -u postgres -- "$@"; }
  fi

  pg_ctl() { as_owner "$bin/pg_ctl" -D "$data" "$@"; }
  psql_admin() { as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"; }

  if [[ "${1:-start}" == stop ]]; then
    if [[ -f "$data/PG_VERSION" ]] && pg_ctl status >/dev/null 2>&1; then
      pg_ctl -m fast -w stop >&2
    fi
    rm -rf "$base"
    echo "pg-test-server: stopped; removed $base" >&2
    return 0
  fi
  if [[ "${1:-start}" != start ]]; then
    echo "usage: pg-test-server.sh [start|stop]" >&2
    exit 2
  fi

  # Everyone is trusted except one role, which must give its password: the test of the message for a
  # wrong password needs a server that checks one. (First matching line wins, so it goes on top.)
  ensure_password_rule() {
    local hba="$data/pg_hba.conf"
    if ! as_owner grep -q '^host all regsweep_password_check ' "$hba"; then
      as_owner sh -c "{ printf '%s\n' '# regsweep tests: this role must give its password' \
        'host all regsweep_password_check 127.0.0.1/32 scram-sha-256' \
        'host all regsweep_password_check ::1/128 scram-sha-256'; cat '$hba'; } > '$hba.new' && mv '$hba.new' '$hba'"
      return 0
    fi
    return 1
  }

  if [[ -f "$data/PG_VERSION" ]] && pg_ctl status >/dev/null 2>&1; then
    echo "pg-test-server: reusing the server running on port $port ($data)" >&2
    if ensure_password_rule; then pg_ctl reload >/dev/null; fi
  else
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
      echo "pg-test-server: port $port is taken by another server; set REGSWEEP_PG_PORT to a free port" >&2
      exit 1
    fi
    mkdir -p "$base"
    chmod 755 "$base"
    chown "$owner" "$base"
    if [[ ! -f "$data/PG_VERSION" ]]; then
      rm -rf "$data"
      # C locale: messages in English, and text outside regsweep's columns (already `collate "C"`) sorts as in SQLite.
      as_owner "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$base/initdb.log" 2>&1 || {
        cat "$base/initdb.log" >&2
        exit 1
      }
    fi
    ensure_password_rule || true
    # Durability off (a test cluster); connections enough for parallel test files and workers.
    pg_ctl -w -t 60 -l "$base/server.log" \
      -o "-p $port -h 127.0.0.1 -k $base -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || {
        tail -n 20 "$base/server.log" >&2
        exit 1
      }
    echo "pg-test-server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port (data in $data)" >&2
  fi

  if [[ "$(psql_admin -tA -c "select 1 from pg_database where datname = '$database'")" != 1 ]]; then
    psql_admin -c "create database $database"
  fi
  echo "export REGSWEEP_TEST_PG=$url"
)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  # Sourced: export into the calling shell; `return`, never `exit`, so a caller's `set -e` survives.
  if _regsweep_pg_line="$(_regsweep_pg_server "$@")"; then
    if [[ -n "$_regsweep_pg_line" ]]; then
      eval "$_regsweep_pg_line"
    else
      unset REGSWEEP_TEST_PG
    fi
    unset _regsweep_pg_line
  else
    unset _regsweep_pg_line
    return 1
  fi
else
  _regsweep_pg_server "$@"
fi
