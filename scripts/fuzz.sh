#!/bin/sh
# The libFuzzer harnesses of tests/fuzz/, one per parser rosc owns: builds
# them with clang in their own folder (build-fuzz/, set up if missing),
# runs each input kept in tests/fuzz/regress/NAME/ once, then fuzzes each
# harness for FUZZ_SECONDS from its seed corpus tests/fuzz/corpus/NAME/.
# Any crash, leak or sanitizer report fails it; the input that did it is
# kept and its path printed with the command that repeats it. Ends with
# one line "fuzz N passed, M failed"; exit status 0 only if all pass.
#
#   scripts/fuzz.sh [NAME...]     all harnesses, or the ones named
#   FUZZ_SECONDS=5                seconds of fuzzing per harness
#   FUZZ_JOBS=N                   harnesses at a time (one per core, at most 4)
#   FUZZ_OUT=DIR                  keep what it finds in DIR/NAME/ (new
#                                 inputs) and DIR/crashes/, outside the
#                                 tree; without it both go to a temporary
#                                 folder, and the tree is never written
#
# make check runs it for 5 s each; make fuzz for 300 s each with
# FUZZ_OUT=var/fuzz. New inputs worth keeping go into the corpus with
# libFuzzer's merge, which keeps only those that add coverage:
#   build-fuzz/tests/fuzz/fuzz_NAME -merge=1 tests/fuzz/corpus/NAME var/fuzz/NAME
set -u
cd "$(dirname "$0")/.." || exit 1
B=${FUZZ_BUILD:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-5}
ALL="http uri query router form cookie api_json hsds_csv meetings pathway questionnaire fhir ical"
NAMES=${*:-$ALL}
pass=0
fail=0

say() { printf '%s\n' "$*"; }
finish() { say "fuzz $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

# The longest input each parser is given: what it takes in real use, with
# room (an address 4 KiB, a form or API body far less than its 1 MiB
# limit, an import file a few tens of KB).
max_len() {
	case $1 in
	uri|router|query) echo 4200 ;;
	http) echo 16384 ;;
	cookie) echo 1024 ;;
	form|api_json|fhir) echo 8192 ;;
	ical) echo 2048 ;;
	hsds_csv|questionnaire) echo 16384 ;;
	*) echo 32768 ;;
	esac
}

if ! command -v clang >/dev/null 2>&1; then
	say "-- fuzz: clang is missing (scripts/install-deps.sh check installs it)"; fail=1; finish
fi
if [ ! -f "$B/build.ninja" ]; then
	CC=clang meson setup "$B" -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
		--buildtype=debug -Doptimization=1 >/dev/null || {
		say "-- fuzz: meson setup $B failed"; fail=1; finish; }
fi
targets=""
for n in $NAMES; do targets="$targets tests/fuzz/fuzz_$n"; done
# shellcheck disable=SC2086
out=$(ninja -C "$B" $targets 2>&1) || {
	printf '%s\n' "$out" | grep -v '^\[' | tail -30; say "-- fuzz: the build failed"; fail=1; finish; }

if [ -n "${FUZZ_OUT:-}" ]; then
	mkdir -p "$FUZZ_OUT/crashes" || finish
	work=""
	crashes=$(cd "$FUZZ_OUT/crashes" && pwd)
else
	work=$(mktemp -d /tmp/rosc-fuzz-XXXXXX)
	crashes="$work/crashes"
	mkdir -p "$crashes"
fi
cleanup() { [ -n "$work" ] && [ "$(ls -A "$crashes" 2>/dev/null)" = "" ] && rm -rf "$work"; }
trap cleanup EXIT

export ASAN_OPTIONS="${FUZZ_ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"

# One harness: its regression inputs, then fuzzing; what went wrong in
# $crashes/NAME.msg, and NAME.ok when all went right.
run_one() {
	n=$1
	exe="$B/tests/fuzz/fuzz_$n"
	log="$crashes/$n.log"
	msg="$crashes/$n.msg"
	: >"$msg"
	# Every input that once found a bug, once each.
	if [ -d "tests/fuzz/regress/$n" ] && [ "$(ls -A "tests/fuzz/regress/$n")" != "" ]; then
		if ! "$exe" -runs=1 tests/fuzz/regress/"$n"/* >"$log" 2>&1; then
			{
				say "-- fuzz $n: an input of tests/fuzz/regress/$n/ fails again:"
				grep -E 'Running:|ERROR|SUMMARY|^[^ ]*fuzz_[a-z_]*\.c:[0-9]+:' "$log" | head -8
				say "   repeat: $exe tests/fuzz/regress/$n/*"
			} >>"$msg"
			return
		fi
	fi
	# Then fuzzing, from the seeds; new inputs go to the first folder.
	if [ -n "$work" ]; then mine="$work/$n"; else mine="$FUZZ_OUT/$n"; fi
	mkdir -p "$mine"
	if ! "$exe" -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$n")" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
		-artifact_prefix="$crashes/$n-" "$mine" "tests/fuzz/corpus/$n" >"$log" 2>&1; then
		{
			say "-- fuzz $n failed:"
			grep -E 'ERROR|SUMMARY|^[^ ]*fuzz_[a-z_]*\.c:[0-9]+:|came back|#[0-9] .* in [a-z_]+ .*/src/' "$log" | head -12
			for f in "$crashes/$n"-*; do
				[ -f "$f" ] || continue
				say "   reproducer: $f"
				say "   repeat: $exe $f"
				say "   once fixed, keep it: cp $f tests/fuzz/regress/$n/"
			done
			say "   the whole report: $log"
		} >>"$msg"
		return
	fi
	rm -f "$log" "$msg"
	: >"$crashes/$n.ok"
}

# FUZZ_JOBS harnesses at a time (one per core, at most four).
jobs=${FUZZ_JOBS:-$(n=$(nproc); [ "$n" -gt 4 ] && n=4; echo "$n")}
running=0
for n in $NAMES; do
	run_one "$n" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then wait; running=0; fi
done
wait
for n in $NAMES; do
	if [ -f "$crashes/$n.ok" ]; then
		pass=$((pass + 1)); rm -f "$crashes/$n.ok"
	else
		fail=$((fail + 1)); cat "$crashes/$n.msg" 2>/dev/null; rm -f "$crashes/$n.msg"
	fi
done
finish
