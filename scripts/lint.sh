#!/bin/sh
# House rules the compiler cannot check (see STYLE.md). Fails on:
#  - html_raw( with anything but a string literal (use html() or html_raw_buf());
#  - SQL outside src/store/ (sqlite3_ calls);
#  - free() in page and API handlers (they use the request's arena);
#  - a layer including one above it: src/http/ includes nothing from web/ or
#    api/ (they reach it through src/app/), src/api/ nothing from web/.
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
hits=$(grep -rn '#include "\(web\|api\)/' src/http || true)
if [ -n "$hits" ]; then
	echo "lint: src/http/ is glue below the pages and the API (wire them in src/app/):"
	echo "$hits"; bad=1
fi
# until the door moves to src/access/
hits=$(grep -rn '#include "web/' src/api | grep -v '#include "web/access\.h"' || true)
if [ -n "$hits" ]; then
	echo "lint: src/api/ does not include pages from src/web/:"; echo "$hits"; bad=1
fi
exit $bad
