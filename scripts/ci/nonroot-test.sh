#!/bin/sh
# Runs `make test` as an unprivileged user (nobody) in a fresh clone of this repository
# that the user owns, where a newcomer's clone might be: a long path under a private
# (0700) directory, with a restrictive umask (077 unless given). A test that passes only
# as root (fixture files whose owner is uid 0), or that depends on where the checkout
# lives, on its parents' modes or on the umask, fails here. (This run replaced a separate
# root run of scripts/ci/clone-test.sh in .ci/run, to keep CI under 20 minutes.)
# Must be run as root, after the packages are installed: the packages the suite needs are
# installed first as root (scripts/deps.sh test), so that nothing runs apt as nobody.
# Usage: scripts/ci/nonroot-test.sh [USER [UMASK]] (default: nobody 077)
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
user=${1:-nobody}
mask=${2:-077}
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
dest="$top/a-rather-long-directory-name-for-the-clone/with-another-level-of-folders/vigie"
git clone -q "$src" "$dest"
mkdir "$top/home" "$top/tmp"
chown -R "$uid:$gid" "$top"
chmod 0700 "$top"
# The user's login shell, as a login would set it (nobody's is nologin): a test that
# hands tmux one command string runs it through that shell and fails here, not in CI.
ushell=$(getent passwd "$user" | cut -d: -f7)
echo "nonroot-test: make test in $dest as $user (uid $uid, gid $gid), umask $mask"
cd "$dest"
setpriv --reuid="$uid" --regid="$gid" --clear-groups \
	env HOME="$top/home" USER="$user" SHELL="${ushell:-/bin/sh}" LOGNAME="$user" TMPDIR="$top/tmp" \
	sh -c 'umask "$1"; exec make test' sh "$mask"
