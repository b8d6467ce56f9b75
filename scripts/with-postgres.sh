#!/usr/bin/env bash
# Runs "$@" with a throw-away PostgreSQL cluster: initdb into a temp directory, a server listening
# only on a Unix socket there, ANPEI_TEST_PG_URL pointing at it; stopped and removed afterwards,
# whatever "$@" returns. As root, the cluster runs as the unprivileged `postgres` user (initdb
# refuses root); otherwise as the caller.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x $bin/initdb ]] || { echo "with-postgres: PostgreSQL server not installed (apt-get install postgresql)" >&2; exit 1; }
# The cluster and the tests' scratch files (TEST_TMPDIR: SQLite stores, keys, blobs) live in memory
# (/dev/shm) when it is there, and the cluster runs with fsync=off: a test store is thrown away, so
# an fsync buys nothing but time.
# Process crashes (kill -9 of a server, the durability tests) keep what was written either way.
tmp_root=/tmp
[[ -d /dev/shm && -w /dev/shm ]] && tmp_root=/dev/shm
dir=$(mktemp -d "${ANPEI_PG_TMP:-$tmp_root}/anpei-pg.XXXXXX")
as=()
user=$(id -un)
if [[ $(id -u) -eq 0 ]]; then
  as=(runuser -u postgres --)
  user=postgres
  chown postgres "$dir"
fi
port=$((20000 + RANDOM % 20000))
cleanup() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U "$user" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c fsync=off" start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }
mkdir -p "$dir/tmp"
export TEST_TMPDIR="${TEST_TMPDIR:-$dir/tmp}"
export ANPEI_TEST_PG_URL="postgresql:///postgres?host=$dir&port=$port&user=$user"
export ANPEI_TEST_PG_DATA="$dir/data"  # the raw table files, for the personal-data scan
echo "with-postgres: throw-away cluster at $dir (port $port)" >&2
"$@"
