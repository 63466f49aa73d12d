#!/bin/sh
# A throw-away PostgreSQL cluster for the tests.
#   tests/pg/cluster.sh start DIR   creates and starts it; prints its URL
#   tests/pg/cluster.sh stop DIR    stops it and removes DIR
#   tests/pg/cluster.sh crash DIR   stops it as a crash would (immediate:
#                                   no checkpoint; recovery at the next start)
#   tests/pg/cluster.sh resume DIR  starts it again, on the same port
# ROSC_PG_DURABLE=1 keeps fsync on (benchmarks). ROSC_PG_SYNC_COMMIT=1 keeps
# fsync off but waits for each commit's WAL to be written before answering,
# so a crash of the server (not of the machine) loses no acknowledged commit.
# It listens on 127.0.0.1 on a free port, keeps its socket inside DIR and
# trusts local connections (test data only). initdb refuses root, so as root
# the cluster runs as nobody.
set -eu
cmd=${1:?start or stop}
dir=${2:?folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (scripts/install-deps.sh check)" >&2; exit 1; }

as_owner() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
	else
		"$@"
	fi
}

case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown nobody:nogroup "$dir"
	as_owner "$bin/initdb" -D "$dir/data" -U rosc --auth=trust -E UTF8 \
		--locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2; exit 1; }
	mkdir -p "$dir/sock"
	[ "$(id -u)" = 0 ] && chown nobody:nogroup "$dir/sock"
	# A free port: bind to 0 and read what the kernel gave.
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	# fsync off: a test cluster that is thrown away after the run. The
	# benchmarks set ROSC_PG_DURABLE=1 to measure durable writes.
	fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	if [ -n "${ROSC_PG_DURABLE:-}" ]; then
		fast="-c shared_buffers=512MB -c max_wal_size=4GB"
	elif [ -n "${ROSC_PG_SYNC_COMMIT:-}" ]; then
		fast="-c fsync=off -c full_page_writes=off"
	fi
	echo "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 $fast -c max_connections=400" >"$dir/opts"
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "$(cat "$dir/opts")" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "$port" >"$dir/port"
	echo "postgres://rosc@127.0.0.1:$port/postgres"
	;;
crash)
	as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
	;;
resume)
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "$(cat "$dir/opts")" start >/dev/null || { tail -20 "$dir/server.log" >&2; exit 1; }
	;;
stop)
	if [ -d "$dir/data" ]; then
		as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: $0 start|stop|crash|resume DIR" >&2; exit 2
	;;
esac
