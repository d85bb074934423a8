#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite.
#
#   scripts/pg-throwaway.sh start [--env-file FILE]   start a server, print its URL on stdout
#   scripts/pg-throwaway.sh stop  [--env-file FILE]   stop it and delete its data
#   scripts/pg-throwaway.sh status [--env-file FILE]  exit 0 if it is running
#
# The server listens on 127.0.0.1 only (port 55432, or the next free one), keeps its data in a
# fresh mktemp directory, trusts local connections, and has a role pos/pos owning database pos:
#   postgresql+psycopg://pos:pos@127.0.0.1:PORT/pos
#
# `start` writes a shell-sourceable state file (default: $TMPDIR/storedesk-pg-throwaway.UID.env,
# or --env-file / $PG_THROWAWAY_ENV) holding STOREDESK_TEST_PG_URL and what `stop` needs.
# As root the server runs as the `postgres` user (initdb refuses to run as root); otherwise it
# runs as the current user. Set PG_BIN to the directory holding initdb/pg_ctl/postgres/psql to
# choose a PostgreSQL version; by default the newest /usr/lib/postgresql/*/bin is used.
# All progress messages go to stderr; stdout carries only the URL.
set -euo pipefail

die() {
    printf 'pg-throwaway: error: %s\n' "$*" >&2
    exit 1
}
say() { printf 'pg-throwaway: %s\n' "$*" >&2; }

usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

action="${1:-}"
[ -n "$action" ] || usage
shift
env_file="${PG_THROWAWAY_ENV:-${TMPDIR:-/tmp}/storedesk-pg-throwaway.$(id -u).env}"
while [ $# -gt 0 ]; do
    case "$1" in
        --env-file) [ $# -ge 2 ] || usage; env_file="$2"; shift 2 ;;
        --env-file=*) env_file="${1#--env-file=}"; shift ;;
        -h | --help) usage ;;
        *) usage ;;
    esac
done

find_pg_bin() {
    local d
    if [ -n "${PG_BIN:-}" ]; then
        printf '%s\n' "$PG_BIN"
        return
    fi
    # Debian/Ubuntu keep the server binaries off PATH, one directory per major version.
    d="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then
        printf '%s\n' "$d"
        return
    fi
    # Elsewhere (Fedora, Homebrew, postgres.app ...) initdb is usually on PATH.
    if d="$(command -v initdb 2>/dev/null)"; then
        d="$(readlink -f "$d")"
        printf '%s\n' "${d%/*}"
        return
    fi
    printf '\n'
}

# Run a PostgreSQL server binary as the server's owner.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        # cd / so that the postgres user never starts in a directory it cannot read.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

port_in_use() {
    # A connect() that succeeds means something already listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

candidate_ports() {
    local p
    for p in $(seq 55432 55451); do printf '%s\n' "$p"; done
    for _ in $(seq 1 20); do printf '%s\n' "$((40000 + RANDOM % 20000))"; done
}

do_start() {
    local pgbin pgroot port url started=""
    pgbin="$(find_pg_bin)"
    if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ] || [ ! -x "$pgbin/pg_ctl" ] || [ ! -x "$pgbin/psql" ]; then
        die "PostgreSQL server binaries (initdb, pg_ctl, psql) not found${PG_BIN:+ in PG_BIN=$PG_BIN}.
  Debian/Ubuntu: sudo apt-get install postgresql   (or: sudo bash scripts/install-system-deps.sh)
  Elsewhere: install the PostgreSQL server and set PG_BIN=/path/to/its/bin"
    fi
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server as (initdb refuses root); install the postgresql package or run as a normal user"
        command -v runuser >/dev/null 2>&1 || die "running as root but 'runuser' (util-linux) is missing"
    fi
    if [ -s "$env_file" ]; then
        # A leftover from an earlier run that was not stopped: stop it first.
        say "found an old state file $env_file; stopping that server first"
        do_stop || true
    fi

    pgroot="$(mktemp -d "${TMPDIR:-/tmp}/storedesk-pg.XXXXXX")"
    pgroot="$(cd "$pgroot" && pwd -P)"
    chmod 700 "$pgroot"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$pgroot"
    fi
    # Write the state file now, so that `stop` can clean up even if start fails half-way.
    write_env "$pgbin" "$pgroot" "" ""

    say "initdb in $pgroot/data ($pgbin)"
    if ! as_owner "$pgbin/initdb" -D "$pgroot/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 >"$pgroot/initdb.log" 2>&1; then
        cat "$pgroot/initdb.log" >&2 || true
        die "initdb failed (log above)"
    fi

    for port in $(candidate_ports); do
        if port_in_use "$port"; then
            continue
        fi
        say "starting postgres on 127.0.0.1:$port"
        if as_owner "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k '$pgroot' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c max_connections=300" \
            start >/dev/null 2>&1; then
            started="$port"
            break
        fi
        say "could not start on port $port (taken in the meantime?); trying another"
    done
    if [ -z "$started" ]; then
        tail -n 30 "$pgroot/log" >&2 2>/dev/null || true
        do_stop || true
        die "could not start PostgreSQL on any port (server log above)"
    fi
    port="$started"
    url="postgresql+psycopg://pos:pos@127.0.0.1:$port/pos"
    write_env "$pgbin" "$pgroot" "$port" "$url"

    if ! "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE pos LOGIN CREATEDB PASSWORD 'pos'" \
        -c "CREATE DATABASE pos OWNER pos" \
        -c "GRANT pg_signal_backend TO pos" >&2; then
        do_stop || true
        die "could not create role/database pos"
    fi
    say "ready: $url (state in $env_file)"
    printf '%s\n' "$url"
}

write_env() {
    local tmp="$env_file.tmp.$$"
    {
        printf '# written by scripts/pg-throwaway.sh start\n'
        printf 'PG_THROWAWAY_BIN=%q\n' "$1"
        printf 'PG_THROWAWAY_ROOT=%q\n' "$2"
        printf 'PG_THROWAWAY_PORT=%q\n' "$3"
        printf 'STOREDESK_TEST_PG_URL=%q\n' "$4"
    } >"$tmp"
    mv -f "$tmp" "$env_file"
}

load_env() {
    PG_THROWAWAY_BIN=""
    PG_THROWAWAY_ROOT=""
    PG_THROWAWAY_PORT=""
    STOREDESK_TEST_PG_URL=""
    [ -f "$env_file" ] || return 1
    # shellcheck disable=SC1090
    . "$env_file"
}

do_stop() {
    if ! load_env; then
        say "nothing to stop (no state file $env_file)"
        return 0
    fi
    local root="$PG_THROWAWAY_ROOT" bin="$PG_THROWAWAY_BIN"
    if [ -n "$root" ] && [ -f "$root/data/postmaster.pid" ]; then
        say "stopping postgres on port ${PG_THROWAWAY_PORT:-?}"
        if ! as_owner "$bin/pg_ctl" -D "$root/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
            say "fast shutdown failed; trying immediate shutdown"
            as_owner "$bin/pg_ctl" -D "$root/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
                say "warning: could not stop the server in $root"
        fi
    fi
    # Only ever delete a directory that this script made.
    case "$root" in
        */storedesk-pg.??????) rm -rf -- "$root" ;;
        "") ;;
        *) say "warning: not deleting unexpected data dir '$root'" ;;
    esac
    rm -f -- "$env_file"
}

do_status() {
    load_env || { say "not running (no state file)"; return 1; }
    if [ -n "$PG_THROWAWAY_ROOT" ] && as_owner "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_ROOT/data" status >/dev/null 2>&1; then
        say "running: $STOREDESK_TEST_PG_URL"
        printf '%s\n' "$STOREDESK_TEST_PG_URL"
        return 0
    fi
    say "not running"
    return 1
}

case "$action" in
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
    *) usage ;;
esac
