#!/bin/sh
# Builds vigie as a user and as a packager would: CMake's Release type, and Debian's
# dpkg-buildflags (hardening on). Warnings are not fatal there (VIGIE_WERROR is off), but
# each build must succeed; the warnings it printed are counted and shown.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT

build() { # NAME CMAKE-ARGS...
	name=$1
	shift
	cmake -S "$src" -B "$top/$name" -DVIGIE_TESTS=OFF "$@" >"$top/$name.log" 2>&1
	cmake --build "$top/$name" -j"$(nproc 2>/dev/null || echo 2)" >>"$top/$name.log" 2>&1 || {
		cat "$top/$name.log"
		echo "user-builds: the $name build FAILED" >&2
		exit 1
	}
	[ -x "$top/$name/vigie" ] || { echo "user-builds: $name built no vigie" >&2; exit 1; }
	"$top/$name/vigie" --version >/dev/null
	n=$(grep -c 'warning:' "$top/$name.log" || true)
	echo "user-builds: $name: built, $n warning(s)"
	grep 'warning:' "$top/$name.log" || true
}

build release -DCMAKE_BUILD_TYPE=Release

# dpkg-buildflags gives CPPFLAGS apart; CMake reads only CFLAGS and LDFLAGS.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
CFLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
	LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" build dpkg-buildflags -DCMAKE_BUILD_TYPE=None
