#!/bin/bash
# make bench-growth: the caseload (a) and search (e) at 10,000 and 100,000
# persons (and 1,000,000 with LARGE=1, SQLite only), to see that they stay
# flat as data grows (indexes and keyset paging, no scans). Writes
# bench/results/growth.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="10000 100000"
[ -n "${LARGE:-}" ] && sizes="$sizes 1000000"
tmp=$(mktemp -d /tmp/rosc-growth-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
for n in $sizes; do
	echo "== N = $n" >&2
	N=$n SCENARIOS=fae OUT="$tmp/$n.md" bench/run.sh >/dev/null
done
{
	echo "# Growth: (a) and (e) as the data grows"
	echo
	case "${DB:-sqlite}" in postgres*) backend=postgres ;; *) backend=sqlite ;; esac
	echo "$(date -u +%Y-%m-%d), $backend, $(nproc) cores. req/s and p99 at 32 connections (median of ${REPEAT:-3} runs)."
	echo
	echo "| persons | (a) req/s | (a) p99 ms | (e) req/s | (e) p99 ms | nginx req/s |"
	echo "|---:|---:|---:|---:|---:|---:|"
	for n in $sizes; do
		a=$(awk -F'|' '/^\| \(a\)/ { gsub(/ /, "", $3); gsub(/ /, "", $5); print $3 " | " $5 }' "$tmp/$n.md")
		e=$(awk -F'|' '/^\| \(e\)/ { gsub(/ /, "", $3); gsub(/ /, "", $5); print $3 " | " $5 }' "$tmp/$n.md")
		f=$(awk -F'|' '/^\| \(f\)/ { gsub(/ /, "", $3); print $3 }' "$tmp/$n.md")
		echo "| $n | $a | $e | $f |"
	done
} >bench/results/growth.md
cat bench/results/growth.md
