#!/bin/bash
# make bench: rosc under load on generated data, measured with wrk on loopback.
#
#   DB=sqlite|postgres   the backend (default sqlite)
#   N=100000             persons generated (about 180 rows each)
#   SERVICES=10000       services in the generated directory
#   MEETINGS=3000        self-help meetings in a generated Meeting Guide
#                        feed (a large region's), imported with
#                        `rosc import meetings`
#   DUR=10s              each wrk run (-t2 -c32, and -t1 -c1)
#   REPEAT=3             runs of each; the table shows the median run (by
#                        requests/s) and every run's requests/s
#   SCENARIOS=abcdefghijklmnop which scenarios to run (o and p are left
#                        out, with a note, where rosc has no outcome
#                        reports yet, unless named here)
#   SMOKE=1              a quick check that all of this works (make check)
#   OUT=FILE             write the table there only (bench/growth.sh)
#   ROSC=PATH            the rosc binary (default build/rosc)
#   BENCH_GEN=PATH       the data generator (default rosc-bench-gen beside
#                        ROSC)
#
# Scenarios: (a) a coordinator's caseload page, 40 persons; (b) a person's
# plan viewed by a staff member, each view logged durably; (c) the person's
# own "who looked at my record"; (d) saving goal steps (POST, session and
# CSRF); (e) staff search by name prefix; (f) nginx serving the bytes of (a)
# as a static file: the ceiling on this machine; the public service
# directory searched by a visitor who is not signed in, for a word and a
# stage: (g) the page /services, (h) the same, open now, (i) the API
# /api/v1/services; (j) a person's appointments seen by a staff member,
# logged; (k) the person's own home page, with their pathway's clocks;
# (l) the meeting finder searched by a visitor who is not signed in: the
# online meetings in Danish tonight; FHIR R4 with an API token: (m) the
# person reads her own Patient resource by id, (n) the coordinator
# searches the Patients in her care by the start of a name, each listed
# person logged; the programme outcome report of the region (in every
# person's network, bench-manager its org_admin) for the last 12 whole
# months: (o) the page, (p) the API with an API token.
# Prints requests/s, p50 and
# p99, each scenario's ratio to (f), rosc's peak RSS under load, the
# database size and the time to the first answer; writes the table to
# bench/results/latest-$DB.md and bench/results/latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

case "${DB:-sqlite}" in
postgres*) backend=postgres ;;
*) backend=sqlite ;;
esac
N=${N:-100000}
DUR=${DUR:-10s}
REPEAT=${REPEAT:-3}
SERVICES=${SERVICES:-10000}
# Scenarios named by the caller must all answer; of the default ones, the
# outcome reports (o, p) are left out where rosc has none yet.
scenarios_named=${SCENARIOS:+1}
SCENARIOS=${SCENARIOS:-abcdefghijklmnop}
MEETINGS=${MEETINGS:-3000}
SMOKE=${SMOKE:-}
BUILD=${BUILD:-build}
ROSC=${ROSC:-$root/$BUILD/rosc}
# The data generator is a program of its own, built beside rosc.
BENCH_GEN=${BENCH_GEN:-$(dirname "$ROSC")/rosc-bench-gen}
PASSWORD=demo-hope-2026
if [ -n "$SMOKE" ]; then
	N=200; SERVICES=200; MEETINGS=200; DUR=1s; REPEAT=1; SCENARIOS=${SCENARIOS_SMOKE:-adgjklm}
fi

[ -x "$BENCH_GEN" ] || {
	printf 'bench: no data generator at %s (built by ninja beside rosc; or set BENCH_GEN)\n' \
		"$BENCH_GEN" >&2
	exit 1
}

work=$(mktemp -d /tmp/rosc-bench-XXXXXX)
chmod 755 "$work"
pg_dir=""
rosc_pid=""
nginx_conf=""
cleanup() {
	[ -n "$rosc_pid" ] && kill "$rosc_pid" 2>/dev/null && wait "$rosc_pid" 2>/dev/null
	[ -n "$nginx_conf" ] && nginx -c "$nginx_conf" -p "$work/nginx" -s stop 2>/dev/null
	[ -n "$pg_dir" ] && tests/pg/cluster.sh stop "$pg_dir"
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
as_server=()
if [ "$(id -u)" = 0 ]; then as_server=(--user nobody); fi

# --- data -------------------------------------------------------------------
# import_meetings: a Meeting Guide feed of MEETINGS meetings, generated
# (in Denmark and the Netherlands, a third online, every day and hour),
# imported into $url as a region's intergroup would be.
import_meetings() {
	python3 - "$MEETINGS" >"$work/meetings.json" <<-'PY'
		import json, random, sys
		random.seed(7)
		n = int(sys.argv[1])
		towns = [("København", "Europe/Copenhagen", "DA"), ("Aarhus", "Europe/Copenhagen", "DA"),
		         ("Odense", "Europe/Copenhagen", "DA"), ("Amsterdam", "Europe/Amsterdam", "NL"),
		         ("Utrecht", "Europe/Amsterdam", "NL"), ("Rotterdam", "Europe/Amsterdam", "NL")]
		out = []
		for i in range(n):
		    town, tz, lang = random.choice(towns)
		    h, m = random.randint(7, 21), random.choice([0, 15, 30, 45])
		    day = random.randint(0, 6)
		    if i < 42 and i % 3 == 0:
		        # Every day has online evening meetings in Danish and in
		        # Dutch, so that scenario (l) finds some on any day.
		        day, h = (i // 3) % 7, 19
		        town, tz, lang = towns[0 if i < 21 else 3]
		    mt = {"name": f"Møde {i}", "slug": f"bench-{i}", "day": day,
		          "time": f"{h:02d}:{m:02d}", "end_time": f"{h + 1:02d}:{m:02d}", "timezone": tz,
		          "types": [random.choice(["O", "C"]), lang] + random.sample(["D", "ST", "B", "W", "M"], 2)}
		    if i % 3 == 0:
		        mt["types"].append("ONL")
		        mt["conference_url"] = f"https://meet.example.org/{i}"
		        mt["region"] = "Online"
		    else:
		        mt["formatted_address"] = f"Gade {i}, {town}"
		        mt["city"] = town
		        mt["region"] = town
		    out.append(mt)
		json.dump(out, sys.stdout)
	PY
	"$ROSC" import meetings "$work/meetings.json" --source bench --db "$url" >/dev/null
}
t0=$(now_ms)
if [ "$backend" = sqlite ]; then
	# Generated once per N and kept (bench/data/ is not in git): generating
	# 100,000 persons takes a while; the benchmark's writes go to a copy.
	mkdir -p bench/data
	# Made again only when the generator, the bulk loader or the schema
	# changed (their sources' checksum is kept beside the data), not on
	# every rebuild of rosc.
	cached="bench/data/sqlite-$N-s$SERVICES.db"
	stamp=$(cat src/tools/bench_gen.c src/store/load.c src/store/migrations/sqlite/* | sha256sum | cut -c1-16)
	if [ ! -f "$cached" ] || [ "$(cat "$cached.stamp" 2>/dev/null)" != "$stamp" ]; then
		say "== generating $N persons and $SERVICES services into $cached"
		rm -f "$cached" "$cached".*
		ROSC_ADMIN_PASSWORD=$PASSWORD "$ROSC" init --db "sqlite:$cached" >/dev/null 2>&1
		"$BENCH_GEN" --db "sqlite:$cached" --persons "$N" --services "$SERVICES" >&2
		echo "$stamp" >"$cached.stamp"
	fi
	mkdir -p "$work/db"
	cp "$cached" "$work/db/rosc.db"
	cp "$cached.audit-key" "$work/db/rosc.db.audit-key"
	[ -f "$cached.audit-head" ] && cp "$cached.audit-head" "$work/db/rosc.db.audit-head"
	[ -f "$cached.access-head" ] && cp "$cached.access-head" "$work/db/rosc.db.access-head"
	url="sqlite:$work/db/rosc.db"
	import_meetings
	[ "$(id -u)" = 0 ] && chown -R nobody:nogroup "$work/db"
	# The copy leaves gigabytes of dirty pages behind; without this the
	# first checkpoint's fsync waits for all of them (p99 over a second).
	sync "$work/db/rosc.db"
	db_size() { du -cb "$work/db/rosc.db"* | tail -1 | cut -f1; }
else
	# A cluster of its own, durable (fsync on) so writes are measured honestly.
	pg_dir=$(mktemp -d /tmp/rosc-bench-pg-XXXXXX)
	base=$(ROSC_PG_DURABLE=1 tests/pg/cluster.sh start "$pg_dir")
	psql -XAtq -d "$base" -c "CREATE DATABASE bench"
	url=${base%/postgres}/bench
	ROSC_AUDIT_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
	export ROSC_AUDIT_KEY
	say "== generating $N persons and $SERVICES services into PostgreSQL"
	ROSC_ADMIN_PASSWORD=$PASSWORD "$ROSC" init --db "$url" >/dev/null 2>&1
	"$BENCH_GEN" --db "$url" --persons "$N" --services "$SERVICES" >&2
	import_meetings
	psql -XAtq -d "$url" -c "VACUUM ANALYZE" >/dev/null
	db_size() { psql -XAtq -d "$url" -c "SELECT pg_database_size(current_database())"; }
fi
say "== data ready in $(( ($(now_ms) - t0) / 1000 )) s"

sql() {
	if [ "$backend" = sqlite ]; then sqlite3 "$work/db/rosc.db" "$1"; else psql -XAtq -d "$url" -c "$1"; fi
}

# --- rosc -------------------------------------------------------------------
start_ms=$(now_ms)
# --write-limit 0: scenario d posts thousands of saves a second from one
# account, far beyond the write limit a person is held to.
"$ROSC" serve --listen 127.0.0.1:0 --db "$url" --threads 2 --write-limit 0 "${as_server[@]}" \
	2>"$work/rosc.log" &
rosc_pid=$!
port=""
for _ in $(seq 1 2000); do
	port=$(sed -n 's/.*msg=listening url=http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/rosc.log")
	[ -n "$port" ] && curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
	sleep 0.005
done
ready_ms=$(( $(now_ms) - start_ms ))
[ -n "$port" ] || { say "rosc did not start:"; cat "$work/rosc.log" >&2; exit 1; }
ready_own=$(sed -n 's/.*ready_ms=\([0-9.]*\).*/\1/p' "$work/rosc.log")
base_url="http://127.0.0.1:$port"

# sign_in USER: prints the Cookie header value of a fresh session.
sign_in() {
	local jar page csrf
	jar="$work/jar.$1"
	page=$(curl -s -c "$jar" -b "$jar" "$base_url/signin")
	csrf=$(printf '%s' "$page" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
		--data-urlencode "username=$1" --data-urlencode "password=$PASSWORD" \
		"$base_url/signin?next=%2F"
	sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }' | sed 's/; $//'
}
coord=$(sign_in bench-coord)
staff=$(sign_in bench-staff)
person=$(sign_in bench-person)
p0=$(sql "SELECT p.id FROM person p JOIN user_account u ON u.id = p.user_id WHERE u.username = 'bench-person'")
# (b) views another of bench-staff's persons: its own views would otherwise
# fill bench-person's log with tens of thousands of entries in seconds, and
# (c) would measure that instead of a person's usual log.
p1=$(sql "SELECT m.person_id FROM network_member m JOIN user_account u ON u.id = m.user_id
	WHERE u.username = 'bench-staff' AND m.person_id <> '$p0' ORDER BY m.person_id LIMIT 1")
staff_csrf=$(curl -s -H "Cookie: $staff" "$base_url/me/settings" |
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
# A name prefix that finds some of the coordinator's persons: the first two
# letters of one of their names (read from the database: the caseload's
# markup is the page's own business).
prefix=$(sql "SELECT substr(p.display_name, 1, 2) FROM person p
	JOIN network_member m ON m.person_id = p.id JOIN user_account u ON u.id = m.user_id
	WHERE u.username = 'bench-coord' AND m.until_date IS NULL ORDER BY p.id LIMIT 1")
# api_token COOKIE: a new API token for the account signed in with COOKIE,
# made on the settings page as a user would.
api_token() {
	local csrf
	csrf=$(curl -s -H "Cookie: $1" "$base_url/me/settings" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -H "Cookie: $1" --data-urlencode "csrf=$csrf" --data-urlencode "name=bench" \
		"$base_url/me/tokens" | sed -n 's/.*<p class="secret">\([A-Za-z0-9_-]*\)<\/p>.*/\1/p' | head -1
}
person_token=$(api_token "$person")
coord_token=$(api_token "$coord")
[ -n "$coord" ] && [ -n "$staff" ] && [ -n "$person" ] && [ -n "$p1" ] && [ -n "$staff_csrf" ] &&
	[ -n "$prefix" ] && [ -n "$person_token" ] && [ -n "$coord_token" ] ||
	{ say "could not sign in the bench accounts"; exit 1; }
# The region's org_admin, for the outcome reports (o, p).
manager="" manager_token=""
if [[ $SCENARIOS == *[op]* ]]; then
	manager=$(sign_in bench-manager)
	manager_token=$(api_token "$manager")
	[ -n "$manager" ] && [ -n "$manager_token" ] ||
		{ say "could not sign in bench-manager (data generated before the region?)"; exit 1; }
fi
# The last 12 whole months, for the outcome reports.
this_month=$(date -u +%Y-%m-01)
from_month=$(date -u -d "$this_month -12 months" +%Y-%m)
to_month=$(date -u -d "$this_month -1 month" +%Y-%m)
months="from=$from_month&to=$to_month"

# The steps bench-staff may save, with their current versions, for (d);
# read again before each run, as every save counts a version up.
list_steps() {
	sql "SELECT '/persons/' || s.person_id || '/plan/goals/' || s.goal_id || '/steps/' || s.id || ' ' || s.version
		FROM step s JOIN network_member m ON m.person_id = s.person_id
		JOIN user_account u ON u.id = m.user_id WHERE u.username = 'bench-staff'
		ORDER BY s.person_id, s.id" >"$work/steps.txt"
}

# The directory's search (g, h, i): a word in many of the generated
# services' descriptions (Danish), and a stage; signed out.
find="q=alkohol&stage=treatment"
# (l) asks for this weekday's evening by its number, not for "today": today
# leaves out meetings that have ended, so a late run would find none.
declare -A path=(
	[a]="/persons" [b]="/persons/$p1/plan" [c]="/me/log"
	[d]="(POST steps)" [e]="/persons?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$prefix")"
	[f]="/caseload.html (nginx)"
	[g]="/services?$find" [h]="/services?$find&open_now=1" [i]="/api/v1/services?$find"
	[j]="/persons/$p1/appointments" [k]="/me"
	[l]="/meetings?day=$(date +%w)&part=evening&language=da&online=1"
	[m]="/fhir/R4/Patient/$p0" [n]="/fhir/R4/Patient?name=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$prefix")"
	[o]="/reports/outcomes?$months" [p]="/api/v1/reports/outcomes?$months"
)
declare -A cookie=([a]="$coord" [b]="$staff" [c]="$person" [d]="$staff" [e]="$coord"
	[g]="" [h]="" [i]="" [j]="$staff" [k]="$person" [l]="" [m]="" [n]="" [o]="$manager" [p]="")
# API tokens, for the FHIR scenarios and the outcome report's API.
declare -A bearer=([m]="$person_token" [n]="$coord_token" [p]="$manager_token")
declare -A title=(
	[a]="(a) caseload page, 40 persons" [b]="(b) plan page, staff view logged"
	[c]="(c) who looked at my record" [d]="(d) save a goal step (POST)"
	[e]="(e) search by name prefix" [f]="(f) nginx, static bytes of (a)"
	[g]="(g) directory search, signed out" [h]="(h) directory search, open now"
	[i]="(i) directory search, API"
	[j]="(j) appointments page, staff view logged"
	[k]="(k) the person's home page, pathway clocks"
	[l]="(l) meeting finder, online tonight, signed out"
	[m]="(m) FHIR Patient read by id, her own"
	[n]="(n) FHIR Patient search by name, staff"
	[o]="(o) outcome report, 12 months, region"
	[p]="(p) outcome report, API"
)
# cookie_args SCENARIO: the Cookie (or API token) header for curl and wrk,
# none if signed out.
cookie_args() {
	[ -n "${cookie[$1]:-}" ] && printf '%s\n' -H "Cookie: ${cookie[$1]}"
	[ -n "${bearer[$1]:-}" ] && printf '%s\n' -H "Authorization: Bearer ${bearer[$1]}"
	return 0
}

# Every page answers 200 before it is measured; the directory's search
# finds something (the generated directory has no services with SERVICES=0).
for s in a b c e g h i j k l m n o p; do
	case $SCENARIOS in *$s*) ;; *) continue ;; esac
	mapfile -t hdr < <(cookie_args "$s")
	code=$(curl -s -o "$work/page" -w '%{http_code}' "${hdr[@]}" "$base_url${path[$s]}")
	if [ "$code" = 404 ] && [[ $s == [op] ]] && [ -z "$scenarios_named" ]; then
		say "scenario $s: ${path[$s]} is not in this rosc yet (404): left out"
		SCENARIOS=${SCENARIOS//$s/}
		continue
	fi
	[ "$code" = 200 ] || { say "scenario $s: ${path[$s]} answered $code"; exit 1; }
	case $s in
	g | h) grep -q 'href="/services/[0-9a-f]' "$work/page" ;;
	k) grep -q 'class="clock"' "$work/page" ;;
	l) grep -q 'href="/meetings/[0-9a-f]' "$work/page" ;;
	m) grep -q '"resourceType":"Patient"' "$work/page" ;;
	n) grep -q '"resourceType":"Patient"' "$work/page" ;;
	i) grep -q '"id"' "$work/page" ;;
	p) grep -q '^[[:space:]]*[{[]' "$work/page" ;;
	*) true ;;
	esac || { say "scenario $s: ${path[$s]} found nothing (SERVICES=$SERVICES)"; exit 1; }
done
n_services=$(sql "SELECT count(*) FROM service")
n_case=$(curl -s -H "Cookie: $coord" "$base_url/persons" | grep -o 'href="/persons/[0-9a-f]\{32\}"' | sort -u | wc -l)

# --- nginx: the ceiling -------------------------------------------------------
nginx_port=""
if [[ $SCENARIOS == *f* ]]; then
	mkdir -p "$work/nginx/html" "$work/nginx/logs"
	curl -s -H "Cookie: $coord" "$base_url/persons" >"$work/nginx/html/caseload.html"
	nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	nginx_conf="$work/nginx/nginx.conf"
	cat >"$nginx_conf" <<-EOF
		$( [ "$(id -u)" = 0 ] && echo "user nobody nogroup;" )
		worker_processes 2;
		pid $work/nginx/nginx.pid;
		error_log $work/nginx/logs/error.log;
		events { worker_connections 1024; }
		http {
			access_log off;
			sendfile on;
			keepalive_requests 100000;
			types { text/html html; }
			server {
				listen 127.0.0.1:$nginx_port;
				root $work/nginx/html;
			}
		}
	EOF
	chmod -R a+rX "$work/nginx"
	nginx -c "$nginx_conf" -p "$work/nginx"
	path[f]="/caseload.html"
fi

# --- measuring --------------------------------------------------------------
# ms VALUE: a wrk latency (850.00us, 1.73ms, 1.02s) in milliseconds.
ms() {
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
		else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
# wrk_run SCENARIO CONNECTIONS THREADS: prints "rps p50 p99 errors requests".
wrk_run() {
	local s=$1 c=$2 t=$3 out url_s
	if [ "$s" = f ]; then url_s="http://127.0.0.1:$nginx_port${path[f]}"; else url_s="$base_url${path[$s]}"; fi
	if [ "$s" = d ]; then
		list_steps
		out=$(ROSC_STEPS="$work/steps.txt" ROSC_COOKIE="$staff" ROSC_CSRF="$staff_csrf" ROSC_WRK_THREADS="$t" \
			wrk -t"$t" -c"$c" -d"$DUR" --latency -s bench/wrk/steps.lua "$base_url/")
	elif [ "$s" = f ]; then
		out=$(wrk -t"$t" -c"$c" -d"$DUR" --latency "$url_s")
	else
		mapfile -t hdr < <(cookie_args "$s")
		# A report may take most of a second: 32 at once queue for longer
		# than wrk's 2 s, which would count as errors and leave their
		# latency out.
		[[ $s == [op] ]] && hdr+=(--timeout 60s)
		out=$(wrk -t"$t" -c"$c" -d"$DUR" --latency "${hdr[@]}" "$url_s")
	fi
	printf '%s\n' "$out" >>"$work/wrk.log"
	local rps p50 p99 errs
	rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ { printf "%d", $2 }')
	p50=$(ms "$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')")
	p99=$(ms "$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')")
	errs=$(printf '%s\n' "$out" | awk '/Non-2xx or 3xx/ { print $5 }' | head -1)
	total=$(printf '%s\n' "$out" | awk '/requests in/ { print $1 }' | head -1)
	echo "${rps:-0} $p50 $p99 ${errs:-0} ${total:-0}"
}

# wrk_median SCENARIO CONNECTIONS THREADS: REPEAT runs; prints the median
# run's "rps p50 p99 errors requests" and then every run's rps, joined by /.
wrk_median() {
	local runs=() i all
	for ((i = 0; i < REPEAT; i++)); do runs+=("$(wrk_run "$@")"); done
	all=$(printf '%s\n' "${runs[@]}" | cut -d' ' -f1 | paste -sd/)
	echo "$(printf '%s\n' "${runs[@]}" | sort -n -k1,1 | sed -n "$(( (REPEAT + 1) / 2 ))p") $all"
}

# Warm up, then reset the peak RSS so it measures the load, not the start.
for s in a b c e g h i j k l m n o p; do
	[[ $SCENARIOS == *$s* ]] || continue
	mapfile -t hdr < <(cookie_args "$s")
	wrk -t1 -c4 -d1s "${hdr[@]}" "$base_url${path[$s]}" >/dev/null
done
echo 5 >"/proc/$rosc_pid/clear_refs" 2>/dev/null || true

declare -A r32 r1
for s in f a b c d e g h i j k l m n o p; do
	[[ $SCENARIOS == *$s* ]] || continue
	say "== ${title[$s]}"
	# A report (o, p) takes about half a second: 32 at once only queue
	# behind rosc's two threads, past the end of the run and into the
	# next; two at once keep both threads busy.
	many=32
	[[ $s == [op] ]] && many=2
	r32[$s]=$(wrk_median "$s" "$many" 2)
	if [ -z "$SMOKE" ]; then r1[$s]=$(wrk_median "$s" 1 1); else r1[$s]="- - - - - -"; fi
	say "   c32: ${r32[$s]}   c1: ${r1[$s]}"
done
rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$rosc_pid/status")
size=$(db_size)
# A slow scenario (o, p) leaves requests queued after wrk stops: wait until
# rosc answers again before reading its counters.
for _ in $(seq 1 600); do
	curl -s -m 2 -o /dev/null "$base_url/healthz" && break
	sleep 1
done
writes=$(curl -s -m 60 --retry 5 --retry-all-errors "$base_url/metrics" | awk '/^rosc_store_writes_total/ { w = $2 }
	/^rosc_store_write_groups_total/ { g = $2 } /^rosc_store_write_group_max/ { m = $2 }
	END { printf "%s writes in %s group commits (largest group %s)", w, g, m }')

# --- report -----------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
report="$work/report.md"
{
	echo "## rosc on $backend, N = $N persons, $n_services services"
	echo
	echo "$(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo -), $(nproc) cores ($cpu)."
	echo "wrk -t2 -c32 -d$DUR --latency (and -t1 -c1), loopback, $REPEAT runs each: the"
	echo "median run (by requests/s) is shown, with every run's requests/s. Caseload lists $n_case persons."
	echo "Directory searches (g-i): ${find}, signed out."
	if [[ $SCENARIOS == *[op]* ]]; then
		echo "Outcome reports (o, p): $from_month to $to_month, as bench-manager, the region's org_admin;"
		echo "their \"c32\" columns are -c2 (as many as rosc's threads)."
	fi
	echo
	echo "| scenario | req/s c32 | p50 ms | p99 ms | × nginx | req/s c1 | p50 ms c1 | errors | c32 runs |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	ceiling=$(echo "${r32[f]:-0}" | cut -d' ' -f1)
	for s in a b c d e g h i j k l m n o p f; do
		[[ $SCENARIOS == *$s* ]] || continue
		read -r rps p50 p99 errs _ runs <<<"${r32[$s]}"
		read -r rps1 p501 _ _ _ _ <<<"${r1[$s]}"
		ratio=-
		[ "${ceiling:-0}" -gt 0 ] && ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { printf "%.2f", a / b }')
		echo "| ${title[$s]} | $rps | $p50 | $p99 | $ratio | $rps1 | $p501 | $errs | $runs |"
	done
	echo
	echo "- peak RSS of rosc under load (VmHWM after warm-up): $((rss_kb / 1024)) MB"
	echo "- database size: $((size / 1024 / 1024)) MB"
	echo "- ready: first answer ${ready_ms} ms after start (rosc's own count: ${ready_own} ms)"
	echo "- writer: $writes"
} >"$report"
cat "$report"

# Smoke: every measured scenario answered, errors under 1% (a step saved
# twice at once near the end of a cycle may meet the version check).
if [ -n "$SMOKE" ]; then
	for s in a b c d e g h i j k l m n o p; do
		[[ $SCENARIOS == *$s* ]] || continue
		read -r rps _ _ errs total _ <<<"${r32[$s]}"
		if [ "${rps:-0}" -le 0 ] || [ $((errs * 100)) -gt "${total:-0}" ]; then
			say "smoke: scenario $s failed (req/s $rps, errors $errs)"
			tail -20 "$work/wrk.log" >&2
			exit 1
		fi
	done
	exit 0
fi

if [ -n "${OUT:-}" ]; then
	cp "$report" "$OUT"
	exit 0
fi
mkdir -p bench/results
cp "$report" "bench/results/latest-$backend.md"
{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` (bench/run.sh). Compare ratios within one run;"
	echo "the machine is shared and noisy."
	echo
	for b in sqlite postgres; do
		[ -f "bench/results/latest-$b.md" ] && { cat "bench/results/latest-$b.md"; echo; }
	done
} >bench/results/latest.md
say "== written to bench/results/latest.md"
