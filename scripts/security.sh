#!/bin/sh
# SQL injection probes (scripts/security.py, with Debian's sqlmap) against a
# demo rosc of its own: a fresh SQLite demo database in a temporary folder,
# served on a free loopback port, stopped afterwards.
#   scripts/security.sh           every role, every page (make check-security)
#   scripts/security.sh --quick   three roles, a few requests (make check)
# ROSC is the binary (build/rosc); ROSC_SECURITY_SECONDS bounds the probing.
# Exits 1 on any finding, on a sanitizer report from rosc, or if the probe
# cannot find the hole in its deliberately injectable control page.
set -eu
cd "$(dirname "$0")/.."
ROSC=${ROSC:-build/rosc}
work=$(mktemp -d /tmp/rosc-security-XXXXXX)
chmod 755 "$work"
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir "$work/db"
db="sqlite:$work/db/rosc.db"
ROSC_ADMIN_PASSWORD=demo-hope-2026 "$ROSC" init --db "$db" >/dev/null 2>&1
"$ROSC" demo --db "$db" >/dev/null
as=""
if [ "$(id -u)" = 0 ]; then
	chown -R nobody:nogroup "$work/db"
	as="--user nobody"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# No write limit: the probes must reach the handlers, not a 429.
# shellcheck disable=SC2086
"$ROSC" serve --listen "127.0.0.1:$port" --db "$db" --write-limit 0 $as >"$work/serve.log" 2>&1 &
pid=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "security: rosc did not start"; cat "$work/serve.log"; exit 1; }
	sleep 0.1
done

rc=0
python3 scripts/security.py "http://127.0.0.1:$port" "$work/out" "$@" || rc=$?
kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
pid=""
if grep -qE 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:' "$work/serve.log"; then
	echo "security: rosc reported a memory error under the probes:"
	grep -A20 -E 'ERROR: AddressSanitizer|runtime error:' "$work/serve.log" | head -40
	rc=1
fi
if [ $rc -ne 0 ] && [ -d "$work/out" ]; then
	keep=$(mktemp -d /tmp/rosc-security-found-XXXXXX)
	cp -r "$work/out/." "$keep/"
	echo "security: sqlmap's logs are in $keep"
fi
exit $rc
