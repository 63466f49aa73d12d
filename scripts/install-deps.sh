#!/bin/sh
# Installs whatever rosc is missing on a Debian 12 machine, and nothing else.
#   scripts/install-deps.sh build   packages to build and run (make run)
#   scripts/install-deps.sh check   also what the tests need (make check)
#   scripts/install-deps.sh bench   also what the benchmarks need (make bench)
# Reads scripts/packages.txt; generates the en_GB, nl_NL and da_DK UTF-8
# locales (per-request gettext needs them); installs the test npm packages
# from tests/e2e/package-lock.json, among them the Node.js the tests run on.
set -eu
mode=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)

sudo=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
		echo "install-deps: not root and no sudo; install the packages in scripts/packages.txt by hand" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive

missing=""
while read -r pkg purpose; do
	case "$pkg" in ''|'#'*) continue ;; esac
	if [ "$purpose" = check ] && [ "$mode" = build ]; then continue; fi
	if [ "$purpose" = bench ] && [ "$mode" != bench ]; then continue; fi
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $pkg"
	fi
done < "$here/scripts/packages.txt"

# The tests need npm to install their packages. Use the machine's own when
# present: Debian's npm package conflicts with a newer nodejs installed some
# other way. The tests themselves run on the Node.js pinned in the lockfile
# (Debian 12's Node 18 is too old for playwright-core), whatever node this is.
if [ "$mode" = check ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi

updated=no
apt_update() {
	if [ "$updated" = no ]; then
		$sudo apt-get update -q
		updated=yes
	fi
}

if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	apt_update
	# shellcheck disable=SC2086
	$sudo apt-get install -y -q --no-install-recommends $missing
fi

# Locales for per-request languages (see ARCHITECTURE.md, "Languages").
need_locales=""
for l in en_GB nl_NL da_DK; do
	if ! locale -a 2>/dev/null | grep -qi "^$l\.utf-\?8$"; then
		need_locales="$need_locales $l"
	fi
done
if [ -n "$need_locales" ]; then
	echo "install-deps: generating locales$need_locales"
	for l in $need_locales; do
		if grep -q "^# *$l.UTF-8 UTF-8" /etc/locale.gen; then
			$sudo sed -i "s/^# *\($l.UTF-8 UTF-8\)/\1/" /etc/locale.gen
		elif ! grep -q "^$l.UTF-8 UTF-8" /etc/locale.gen; then
			echo "$l.UTF-8 UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
		fi
	done
	$sudo locale-gen
fi

if [ "$mode" = check ]; then
	e2e="$here/tests/e2e"
	stamp="$e2e/node_modules/.package-lock.json"
	if [ ! -f "$stamp" ] || [ "$e2e/package-lock.json" -nt "$stamp" ]; then
		echo "install-deps: installing the test npm packages"
		# --ignore-scripts: vnu-jar's install script would download a Java
		# runtime; Debian's default-jre-headless runs its jar instead.
		(cd "$e2e" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
	fi
	# Debian 12's npm 9 installs the pinned node-linux-* package but links
	# no .bin/node for it (newer npm does): link it ourselves.
	case "$(uname -m)" in
	x86_64) arch=x64 ;;
	aarch64) arch=arm64 ;;
	*) arch=unknown ;;
	esac
	if [ ! -e "$e2e/node_modules/.bin/node" ] &&
	   [ -x "$e2e/node_modules/node-linux-$arch/bin/node" ]; then
		ln -s "../node-linux-$arch/bin/node" "$e2e/node_modules/.bin/node"
	fi
	if ! "$e2e/node_modules/.bin/node" --version >/dev/null 2>&1; then
		echo "install-deps: no Node.js for the tests in $e2e/node_modules (is this machine x86-64 or arm64?)" >&2
		exit 1
	fi
fi
exit 0
