#!/usr/bin/env bash
# Runs Xinyong's whole test suite the way CI does:
#   1. installs what the tests need when it is missing (as root, through apt-get): PostgreSQL, Chromium,
#      poppler-utils (pdftotext) and a CJK font for the browser's screenshots;
#   2. starts a throwaway PostgreSQL cluster on a free local port and a hot standby of it (pg_basebackup -R) on the
#      next, stops and removes both afterwards;
#   3. runs `dotnet test` on the whole solution, with the PostgreSQL tests against that real server.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter Calendar).
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || missing+=(fonts-droid-fallback)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "missing: ${missing[*]}; install them (sudo apt-get install ${missing[*]}) or run this script as root"
    exit 1
  fi
fi

# --- a throwaway PostgreSQL cluster -------------------------------------------------------------
PGBIN=$(pg_bin)
PGTMP=$(mktemp -d /tmp/xinyong-pg.XXXXXX)
port=""
for p in $(seq 55432 55632); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { log "no free port for PostgreSQL"; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGTMP"; fi

cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGTMP/standby" -m immediate stop >/dev/null 2>&1 || true
  as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT

log "starting PostgreSQL ($("$PGBIN/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port"
as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U xinyong --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 \
  || { cat "$PGTMP/initdb.log" >&2; exit 1; }
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
  -o "-p $port -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$PGTMP/server.log" >&2; exit 1; }

# A hot standby of it (streaming replication, as a read replica runs in production) for the read-replica test, which
# stops and starts it: its settings go into its own postgresql.conf so that a plain `pg_ctl start` brings it back.
standby_port=""
for p in $(seq $((port + 1)) 55732); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then standby_port=$p; break; fi
done
[ -n "$standby_port" ] || { log "no free port for the standby"; exit 1; }
log "starting a hot standby on 127.0.0.1:$standby_port (pg_basebackup -R)"
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$port" -U xinyong -D "$PGTMP/standby" -R -X stream -c fast >"$PGTMP/basebackup.log" 2>&1 \
  || { cat "$PGTMP/basebackup.log" >&2; exit 1; }
printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nfsync = off\nmax_connections = 200\n" "$standby_port" "$PGTMP" \
  | as_pg tee -a "$PGTMP/standby/postgresql.conf" >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/standby" -l "$PGTMP/standby.log" -w -t 60 start >/dev/null || { cat "$PGTMP/standby.log" >&2; exit 1; }

export XINYONG_TEST_PG="Host=127.0.0.1;Port=$port;Username=xinyong;Database=postgres;Pooling=true"
export XINYONG_TEST_PG_STANDBY="Host=127.0.0.1;Port=$standby_port;Username=xinyong;Database=postgres;Pooling=true"
export XINYONG_TEST_PG_STANDBY_DATA="$PGTMP/standby"
export XINYONG_REQUIRE_PG_STANDBY=1  # the read-replica test fails (not skips) without the standby
export XINYONG_REQUIRE_PG=1        # PostgreSQL tests fail (not skip) when the server is missing
export XINYONG_REQUIRE_BROWSER=1   # browser tests fail (not skip) when Chromium is missing

log "running the test suite"
dotnet test Xinyong.sln --nologo -v q "$@"
