#!/bin/sh
# Runs `make test` in a fresh clone of this repository placed where a newcomer's clone
# might be: a long path under a private (0700) directory, with a restrictive umask.
# A test that depends on where the checkout lives, on its parents' modes or on the
# umask fails here. Usage: scripts/ci/clone-test.sh [UMASK]
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
chmod 700 "$top"
dest="$top/a-rather-long-directory-name-for-the-clone/with-another-level-of-folders/vigie"
git clone -q "$src" "$dest"
echo "clone-test: make test in $dest (umask ${1:-077})"
cd "$dest"
umask "${1:-077}"
make test
