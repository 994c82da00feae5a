#!/bin/sh
# Runs `make test` as an unprivileged user (nobody) in a fresh clone of this repository
# that the user owns, under a 0755 temporary directory: a test that passes only as root
# (fixture files whose owner is uid 0, a directory only root can open) fails here.
# Must be run as root, after the packages are installed: the packages the suite needs are
# installed first as root (scripts/deps.sh test), so that nothing runs apt as nobody.
# Usage: scripts/ci/nonroot-test.sh [USER] (default: nobody)
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
user=${1:-nobody}
if [ "$(id -u)" -ne 0 ]; then
	echo "nonroot-test: run as root (it gives the clone to $user and runs make test as $user)" >&2
	exit 2
fi
command -v setpriv >/dev/null || { echo "nonroot-test: setpriv (util-linux) missing" >&2; exit 2; }
uid=$(id -u "$user")
gid=$(id -g "$user")
[ "$uid" -ne 0 ] || { echo "nonroot-test: $user is root" >&2; exit 2; }

sh "$src/scripts/deps.sh" test

# /tmp, not TMPDIR: whatever TMPDIR is, the user must be able to reach the clone.
top=$(mktemp -d /tmp/vigie-nonroot.XXXXXX)
trap 'rm -rf "$top"' EXIT
chmod 0755 "$top"
git clone -q "$src" "$top/vigie"
mkdir "$top/home" "$top/tmp"
chown -R "$uid:$gid" "$top/vigie" "$top/home" "$top/tmp"
echo "nonroot-test: make test in $top/vigie as $user (uid $uid, gid $gid)"
cd "$top/vigie"
setpriv --reuid="$uid" --regid="$gid" --clear-groups \
	env HOME="$top/home" USER="$user" LOGNAME="$user" TMPDIR="$top/tmp" make test
