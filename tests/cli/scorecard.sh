#!/bin/sh
# vigie score --json / --out write the scorecard through the scorecard module.
set -u
VIGIE=$1 SRC=$2 T=$3
rm -rf "$T" && mkdir -p "$T" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
A=$SRC/tests/data/answers/saint-exemple.yaml
export SOURCE_DATE_EPOCH=1764390000

"$VIGIE" score -q decouverte -a "$A" --json --no-host >"$T/stdout.json" || fail "score --json failed"
"$VIGIE" score -q decouverte -a "$A" --out "$T/card.json" --no-host >/dev/null || fail "score --out failed"
cmp -s "$T/stdout.json" "$T/card.json" || fail "--json and --out differ"
# The fixture pins the exact bytes; regenerate it with the command above after a
# deliberate format or version change.
sed 's/"version": "[0-9.]*"\(,\{0,1\}\)$/"version": "X"\1/' "$T/card.json" >"$T/a"
sed 's/"version": "[0-9.]*"\(,\{0,1\}\)$/"version": "X"\1/' \
	"$SRC/tests/data/scorecard/good-saint-exemple.json" >"$T/b"
cmp -s "$T/a" "$T/b" || fail "scorecard differs from tests/data/scorecard/good-saint-exemple.json"
rm -f "$T/a" "$T/b"
grep -q '"generated_at": "2025-11-29T04:20:00Z"' "$T/card.json" || fail "SOURCE_DATE_EPOCH ignored"
"$VIGIE" score -q decouverte -a "$A" --json | grep -q '"host": ' || fail "host missing by default"
ls "$T" | grep -v -e '^stdout.json$' -e '^card.json$' && fail "temporary file left behind"
"$VIGIE" score -q decouverte -a "$A" --out "$T/no/such/dir/card.json" 2>"$T/err" && fail "wrote into a missing dir"
[ -s "$T/err" ] || fail "no message for an unwritable --out"
echo "ok"
