#!/bin/sh
# make check: installs what is missing, builds rosc with AddressSanitizer and
# UndefinedBehaviorSanitizer, runs every suite, prints each suite's duration
# and ends with one line "N passed, N failed". Exit status 0 only if all pass.
set -u
cd "$(dirname "$0")/.."
B=${CHECK_BUILD:-build-check}
total_pass=0
total_fail=0
t_start=$(date +%s)

say() { printf '%s\n' "$*"; }
now_ms() { date +%s%3N; }

say "== installing what is missing"
scripts/install-deps.sh check || { say "install failed"; say "0 passed, 1 failed"; exit 1; }

say "== building ($B, sanitizers on, warnings are errors)"
if [ ! -f "$B/build.ninja" ]; then
	meson setup "$B" -Dtests=true -Dtest_clock=true -Db_sanitize=address,undefined \
		-Db_lundef=false -Dwerror=true --buildtype=debug >/dev/null || {
		say "meson setup failed"; say "0 passed, 1 failed"; exit 1; }
fi
ninja -C "$B" || { say "build failed"; say "0 passed, 1 failed"; exit 1; }

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=23:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export ROSC_BIN="$(pwd)/$B/rosc"
export ROSC_LOCALEDIR="$(pwd)/$B/po"

# suite NAME PASS FAIL MS: records and prints one suite's result.
suite() {
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $3))
	printf '== %-10s %4d passed, %d failed  (%d.%03d s)\n' "$1" "$2" "$3" \
		$(($4 / 1000)) $(($4 % 1000))
}

# Unit tests: each cmocka program prints "[  PASSED  ] N test(s)."
t=$(now_ms); p=0; f=0
for exe in "$B"/test_*; do
	[ -f "$exe" ] && [ -x "$exe" ] || continue
	out=$("$exe" 2>&1); rc=$?
	np=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	nf=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=$((p + ${np:-0})); f=$((f + ${nf:-0}))
	if [ $rc -ne 0 ] && [ "${nf:-0}" = 0 ]; then f=$((f + 1)); fi
	if [ $rc -ne 0 ]; then say "-- $(basename "$exe") failed:"; printf '%s\n' "$out" | tail -40; fi
done
suite unit $p $f $(($(now_ms) - t))

# Static checks: lint and complete translations.
t=$(now_ms); p=0; f=0
if scripts/lint.sh; then p=$((p + 1)); else f=$((f + 1)); fi
for po in po/*.po; do
	stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
	if [ $? -eq 0 ] && ! printf '%s' "$stats" | grep -q 'fuzzy\|untranslated'; then
		p=$((p + 1))
	else
		f=$((f + 1)); say "-- $po is incomplete: $stats"
	fi
done
# Every string in the sources is in the catalogs.
if (cd po && xgettext --keyword=_ --keyword=N_ --keyword=C_:1c,2 --from-code=UTF-8 \
	-f POTFILES.in -D .. -o /tmp/rosc-check.pot 2>/dev/null) &&
   msgcmp --use-untranslated po/da.po /tmp/rosc-check.pot 2>/dev/null; then
	p=$((p + 1))
else
	f=$((f + 1)); say "-- po/ is out of date with the sources: run ninja -C $B rosc-update-po"
	(cd po && msgcmp --use-untranslated da.po /tmp/rosc-check.pot 2>&1 | head -10)
fi
rm -f /tmp/rosc-check.pot
# The door cannot be skipped: reading a person's data with a bare id, or
# with a grant made by hand, does not compile; the same read with the
# door's grant does (so the others fail for the reason they exist).
for src in tests/compile-fail/*.c; do
	out=$(cc -std=c17 -Wall -Wextra -Werror -fsyntax-only -Isrc -I"$B" "$src" 2>&1); rc=$?
	case "$src" in
	*/with_*) want=0 ;;
	*) want=1 ;;
	esac
	if { [ $want = 0 ] && [ $rc = 0 ]; } || { [ $want = 1 ] && [ $rc != 0 ]; }; then
		p=$((p + 1))
	else
		f=$((f + 1)); say "-- $src: expected it to $( [ $want = 0 ] && echo build || echo fail to build)"
		printf '%s\n' "$out" | head -5
	fi
done
suite static $p $f $(($(now_ms) - t))

# The parsers under libFuzzer (tests/fuzz/): the inputs that once found a
# bug, then FUZZ_SECONDS of fuzzing each from the seed corpus, in a clang
# build of their own (build-fuzz/); make fuzz runs them longer.
t=$(now_ms)
out=$(FUZZ_SECONDS=${FUZZ_SECONDS:-5} scripts/fuzz.sh 2>&1)
printf '%s\n' "$out" | grep -v '^fuzz [0-9]* passed' || true
np=$(printf '%s\n' "$out" | sed -n 's/^fuzz \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -1)
nf=$(printf '%s\n' "$out" | sed -n 's/^fuzz \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -1)
suite fuzz "${np:-0}" "${nf:-1}" $(($(now_ms) - t))

# The tests run on the Node.js pinned in tests/e2e/package-lock.json.
NODE="$(pwd)/tests/e2e/node_modules/.bin/node"
say "== tests run on Node.js $("$NODE" --version)"

# node's test runner prints "# pass N" and "# fail N" in TAP. A test that
# hangs fails by name after TEST_TIMEOUT ms, a suite that hangs is killed
# after SUITE_TIMEOUT s, and every child process the tests start has a
# time-out of its own (tests/lib/run.mjs), so a hang is a named failure.
# The test files of a suite run TEST_CONCURRENCY at a time, one per core:
# node's default (one fewer than the cores) runs them one at a time on a
# two-core machine and leaves a core idle.
TEST_TIMEOUT=${TEST_TIMEOUT:-180000}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-1200}
TEST_CONCURRENCY=${TEST_CONCURRENCY:-$(n=$(nproc); [ "$n" -gt 4 ] && n=4; echo "$n")}
node_suite() {
	name=$1; shift
	t=$(now_ms)
	out=$(timeout -k 10 "$SUITE_TIMEOUT" "$NODE" --test --test-reporter=tap \
		--test-timeout="$TEST_TIMEOUT" --test-concurrency="$TEST_CONCURRENCY" "$@" 2>&1); rc=$?
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		say "-- $name: stopped after $SUITE_TIMEOUT s; the last it printed:"
		printf '%s\n' "$out" | tail -30
	fi
	np=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
	nf=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
	np=${np:-0}; nf=${nf:-0}
	if [ $rc -ne 0 ] && [ "$nf" = 0 ]; then nf=1; fi
	if [ "$nf" != 0 ]; then
		say "-- $name failures:"
		printf '%s\n' "$out" | grep -B2 -A30 '^not ok\|^    not ok\|^  not ok' | head -150
	fi
	suite "$name" "$np" "$nf" $(($(now_ms) - t))
}

# One demo database for the whole run; each test copies it.
tmpl_dir=$(mktemp -d /tmp/rosc-check-XXXXXX)
# Its own folder: as root the cluster runs as nobody, who cannot enter tmpl_dir.
pg_dir=$(mktemp -d /tmp/rosc-pg-XXXXXX)
cleanup() {
	tests/pg/cluster.sh stop "$pg_dir" 2>/dev/null
	rm -rf "$tmpl_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export ROSC_TEMPLATE="$tmpl_dir/demo.db"
if ! ROSC_ADMIN_PASSWORD=demo-hope-2026 "$ROSC_BIN" init --db "sqlite:$ROSC_TEMPLATE" >/dev/null 2>&1 ||
   ! "$ROSC_BIN" demo --db "sqlite:$ROSC_TEMPLATE" >/dev/null; then
	say "-- cannot build the demo database"; total_fail=$((total_fail + 1))
fi

node_suite http tests/http/*.test.mjs
node_suite browser tests/e2e/*.test.mjs

# The benchmark, small: 200 generated persons and services, three scenarios
# (a, d, g) for a second each, so make bench keeps working (the real one is
# too slow for a check).
t=$(now_ms)
if SMOKE=1 ROSC="$ROSC_BIN" timeout -k 10 600 bench/run.sh >"$tmpl_dir/bench.log" 2>&1; then
	suite bench 1 0 $(($(now_ms) - t))
else
	say "-- bench smoke failed:"; tail -30 "$tmpl_dir/bench.log"
	suite bench 0 1 $(($(now_ms) - t))
fi

# The browser suite on PostgreSQL: the flows that write through the pages
# (consent withdrawn and the next look refused, a check-in raising a flag
# that staff follow up, an appointment confirmed and moved). The rest of the
# browser suite checks what the browser shows (layout, keyboard, axe, pages
# without script), which comes from the same view code on either store, and
# the HTTP suite runs every route on PostgreSQL. The whole browser suite
# twice cost seven minutes of a half-hour check. BROWSER_PG='tests/e2e/*.test.mjs'
# make check runs all of it.
BROWSER_PG=${BROWSER_PG:-tests/e2e/person.test.mjs tests/e2e/checkin_flag_phone.test.mjs tests/e2e/appointment_phone.test.mjs}

# SQL injection probes: sqlmap against a demo rosc as three roles, a few
# requests each (make check-security probes every page as every role).
t=$(now_ms)
if ROSC="$ROSC_BIN" timeout -k 10 300 scripts/security.sh --quick >"$tmpl_dir/security.log" 2>&1; then
	suite security 1 0 $(($(now_ms) - t))
else
	say "-- security probes failed:"; tail -30 "$tmpl_dir/security.log"
	suite security 0 1 $(($(now_ms) - t))
fi

# The same suites on PostgreSQL: a throw-away cluster, a demo template
# database each test copies, and the audit key in the environment.
say "== starting a throw-away PostgreSQL"
if pg_url=$(timeout 120 tests/pg/cluster.sh start "$pg_dir"); then
	pg_demo=$(printf '%s' "$pg_url" | sed 's|/postgres$|/rosc_demo|')
	ROSC_PG_AUDIT_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
	export ROSC_TEST_PG="$pg_url" ROSC_PG_TEMPLATE=rosc_demo ROSC_PG_AUDIT_KEY
	if psql -XAtq -d "$pg_url" -c "CREATE DATABASE rosc_demo" &&
	   ROSC_AUDIT_KEY=$ROSC_PG_AUDIT_KEY ROSC_ADMIN_PASSWORD=demo-hope-2026 \
		"$ROSC_BIN" init --db "$pg_demo" >/dev/null 2>&1 &&
	   ROSC_AUDIT_KEY=$ROSC_PG_AUDIT_KEY "$ROSC_BIN" demo --db "$pg_demo" >/dev/null; then
		node_suite http-pg tests/http/*.test.mjs
		# shellcheck disable=SC2086
		node_suite browser-pg $BROWSER_PG
	else
		say "-- cannot build the PostgreSQL demo database"; total_fail=$((total_fail + 1))
	fi
else
	say "-- cannot start PostgreSQL"; total_fail=$((total_fail + 1))
fi

t_end=$(date +%s)
say "== make check took $((t_end - t_start)) s"
say "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
