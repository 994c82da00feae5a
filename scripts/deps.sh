#!/bin/sh
# Install the Debian packages vigie needs that are missing on this machine.
# Usage: scripts/deps.sh [build|test]
#   build: what building needs (scripts/packages/build.txt)
#   test:  that plus every tool the test suite drives (scripts/packages/test-*.txt)
# Installs only what is absent, as root or through sudo; does nothing otherwise.
set -eu
dir=$(dirname "$0")/packages
lists="$dir/build.txt"
[ "${1:-build}" = test ] && lists="$lists $(ls "$dir"/test-*.txt)"

missing=""
# Several lists name the same package: each is asked about (and installed) once.
for p in $(sed 's/#.*//' $lists | tr -s '[:space:]' '\n' | sort -u); do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "vigie: missing packages:$missing" >&2
	echo "vigie: this machine has no apt-get; install their equivalents by hand." >&2
	exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "vigie: missing packages:$missing; run as root or install sudo." >&2
		exit 1
	fi
fi
echo "vigie: installing missing packages:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Another apt may be running (a second checkout's make test): wait for it, do not fail.
# shellcheck disable=SC2086
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
