#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests, in a temporary folder, on 127.0.0.1 at a free port.
#   scripts/test-postgres.sh start        prints the cluster folder; its URL is in FOLDER/url
#   scripts/test-postgres.sh stop FOLDER  stops the server and deletes the folder
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user.
set -euo pipefail

bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
    return
  fi
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them (Debian/Ubuntu: apt-get install postgresql) or set TEST_DATABASE_URL to a server you own." >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

case "${1:-}" in
  start)
    bin="$(bindir)"
    folder="$(mktemp -d "${TMPDIR:-/tmp}/partner-pg.XXXXXX")"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$folder"; fi
    as_owner "$bin/initdb" -D "$folder/data" --auth=trust --username=postgres --encoding=UTF8 \
      --no-sync >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 1; }
    port="$(free_port)"
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 30 \
      -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
      || { cat "$folder/server.log" >&2; exit 1; }
    echo "$bin" >"$folder/bindir"
    echo "postgres://postgres@127.0.0.1:$port/postgres" >"$folder/url"
    echo "$folder"
    ;;
  stop)
    folder="${2:?usage: $0 stop FOLDER}"
    [ -f "$folder/url" ] || { echo "$folder is not a test cluster folder" >&2; exit 1; }
    as_owner "$(cat "$folder/bindir")/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$folder"
    ;;
  *)
    echo "usage: $0 start | stop FOLDER" >&2
    exit 2
    ;;
esac
