#!/bin/sh
# make run: create the database with demo data if there is none, apply new
# migrations, print the demo sign-ins and serve on http://127.0.0.1:8080
# (or where ROSC_LISTEN / ROSC_BASE_URL say).
# Started as root, rosc serves as the system account "rosc" (made here if
# missing), which then owns var/.
set -eu
cd "$(dirname "$0")/.."
ROSC=${ROSC:-build/rosc}
DB=${DB:-sqlite:var/rosc.db}
export ROSC_ADMIN_PASSWORD="${ROSC_ADMIN_PASSWORD:-demo-hope-2026}"

"$ROSC" init --db "$DB"
"$ROSC" demo --db "$DB"

user_flag=""
if [ "$(id -u)" = 0 ]; then
	if ! id rosc >/dev/null 2>&1; then
		useradd --system --no-create-home --shell /usr/sbin/nologin rosc
	fi
	case "$DB" in
	sqlite:*) chown -R rosc: "$(dirname "${DB#sqlite:}")" ;;
	esac
	user_flag="--user rosc"
fi
listen=${ROSC_LISTEN:-127.0.0.1:8080}
case "$listen" in
0.0.0.0:*|\*:*) listen="127.0.0.1:${listen##*:}" ;;
esac
echo "rosc is at ${ROSC_BASE_URL:-http://$listen} (stop with Ctrl-C)"
# shellcheck disable=SC2086
exec "$ROSC" serve --db "$DB" $user_flag
