#!/bin/sh
# House rules the compiler cannot check (see STYLE.md). Fails on:
#  - html_raw( with anything but a string literal (use html() or html_raw_buf());
#  - SQL outside src/store/ (sqlite3_ calls);
#  - free() in page and API handlers (they use the request's arena);
#  - a layer including one above it: src/http/ includes nothing from web/ or
#    api/ (they reach it through src/app/), src/api/ nothing from web/;
#  - a person's data decided on, or a person found, outside the door
#    (src/access/), and a grant made anywhere else.
#  - a migration file that meson.build does not list (meson has no globbing),
#    or one dialect with a migration file the other lacks;
#  - a fuzzing harness (tests/fuzz/fuzz_NAME.c) that tests/fuzz/meson.build
#    or scripts/fuzz.sh does not name, or without a seed corpus.
set -u
cd "$(dirname "$0")/.."
bad=0

hits=$(grep -rn 'html_raw(' src --include=*.c | grep -v 'html_raw(b, "\|html_raw(&b, "\|^src/base/html\.c:' | grep -v '^\S*:\s*\*' || true)
if [ -n "$hits" ]; then
	echo "lint: html_raw() must only get a string literal:"; echo "$hits"; bad=1
fi
hits=$(grep -rln 'sqlite3_\|PQexec\|PQprepare' src --include=*.c | grep -v '^src/store/' || true)
if [ -n "$hits" ]; then
	echo "lint: database calls outside src/store/:"; echo "$hits"; bad=1
fi
hits=$(grep -rn '\bfree(' src/web src/api || true)
if [ -n "$hits" ]; then
	echo "lint: handlers allocate from the request's arena, never free():"; echo "$hits"; bad=1
fi
hits=$(grep -rn '#include "\(web\|api\|fhir\)/' src/http || true)
if [ -n "$hits" ]; then
	echo "lint: src/http/ is glue below the pages and the API (wire them in src/app/):"
	echo "$hits"; bad=1
fi
hits=$(grep -rn '#include "\(web\|fhir\)/' src/api || true)
hits="$hits$(grep -rn '#include "\(api\|fhir\)/' src/web || true)"
hits="$hits$(grep -rn '#include "\(api\|web\)/' src/fhir || true)"
if [ -n "$hits" ]; then
	echo "lint: pages (src/web/), the API (src/api/) and FHIR (src/fhir/) are siblings; none includes another:"
	echo "$hits"; bad=1
fi
# Below the handlers nothing knows HTTP or pages: the domain, the policy,
# the composite views and the store; and the store knows of the door only
# the grant it is handed.
hits=$(grep -rn '#include "\(http\|web\|api\|fhir\|app\)/' src/core src/policy src/view src/store || true)
hits="$hits$(grep -rn '#include "access/' src/store src/view | grep -v 'access/grant\.h' || true)"
if [ -n "$hits" ]; then
	echo "lint: a layer includes one above it:"; echo "$hits"; bad=1
fi
# The door (src/access/) alone decides on a person's data and finds
# persons: nothing else asks policy_person() or loads the relation facts,
# and nothing else looks a person up by account or national id (the
# command line acts for the operator, and may).
hits=$(grep -rn 'policy_person(\|store_relation(\|store_relations_of_member(\|store_person_by_national_id(' \
	src --include=*.c | grep -v '^src/\(access\|policy\|store\)/' || true)
hits="$hits$(grep -rn 'store_person_by_user(' src --include=*.c |
	grep -v '^src/\(access\|store\|cmd\)/' || true)"
if [ -n "$hits" ]; then
	echo "lint: a person's data is decided on and found through the door (src/access/):"
	echo "$hits"; bad=1
fi
# Only the door makes grants; only the command line takes the operator's.
hits=$(grep -rn 'access/grant_def\.h' src | grep -v '^src/access/' || true)
hits="$hits$(grep -rn 'door_command_line' src --include=*.c | grep -v '^src/\(access\|cmd\)/' || true)"
hits="$hits$(grep -rn 'door_\(checkin_\)\?reminders\|door_warnings(\|door_checkups' src --include=*.c | grep -v '^src/\(access\|jobs\)/' || true)"
if [ -n "$hits" ]; then
	echo "lint: grants are made by the door (src/access/) alone:"; echo "$hits"; bad=1
fi
# Every migration file is built in: meson.build names each (meson has no
# globbing; a list made at configure time would miss a file added later
# until the next reconfigure), and both dialects have the same files.
for f in src/store/migrations/sqlite/*.sql src/store/migrations/pg/*.sql; do
	grep -q "'$f'" meson.build || { echo "lint: meson.build does not list $f"; bad=1; }
done
if [ "$(cd src/store/migrations/sqlite && ls)" != "$(cd src/store/migrations/pg && ls)" ]; then
	echo "lint: src/store/migrations/sqlite/ and pg/ hold different files"; bad=1
fi
# Every fuzzing harness is built, run, and has seeds to start from.
for f in tests/fuzz/fuzz_*.c; do
	n=${f#tests/fuzz/fuzz_}; n=${n%.c}
	grep -q "'$n'" tests/fuzz/meson.build || { echo "lint: tests/fuzz/meson.build does not build $f"; bad=1; }
	grep -q "^ALL=.*\b$n\b" scripts/fuzz.sh || { echo "lint: scripts/fuzz.sh does not run $f"; bad=1; }
	[ -n "$(ls -A "tests/fuzz/corpus/$n" 2>/dev/null)" ] || { echo "lint: $f has no seeds in tests/fuzz/corpus/$n/"; bad=1; }
done
exit $bad
