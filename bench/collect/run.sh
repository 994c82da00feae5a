#!/bin/sh
# How fast `vigie collect` verifies and imports signed scorecards: N (default 10,000)
# scorecards of the communes questionnaire with varied answers, from 2,500 communes, each
# signed with `vigie sign`, collected into a new store. Prints scorecards per second, the
# store's size and collect's peak memory (GNU time -v), then the same for a second collect
# of the same files (all already present) and for `vigie summary`.
# The signed scorecards are made once into CACHE (default
# ${XDG_CACHE_HOME:-~/.cache}/vigie-bench-collect-N) and reused: scoring 10,000 answers
# files takes a few minutes.
# Usage: bench/collect/run.sh [VIGIE_BINARY] [N] [CACHE]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
vigie=$(cd "$(dirname "${1:-build/vigie}")" && pwd)/$(basename "${1:-build/vigie}")
n=${2:-10000}
cache=${3:-${XDG_CACHE_HOME:-$HOME/.cache}/vigie-bench-collect-$n}
orgs=2500
jobs=$(nproc 2>/dev/null || echo 2)

if [ ! -x /usr/bin/time ]; then
	echo "installing GNU time (/usr/bin/time)"
	apt-get install -y time >/dev/null
fi

if [ ! -f "$cache/ready" ]; then
	echo "making $n signed scorecards in $cache (once)"
	rm -rf "$cache"
	mkdir -p "$cache/answers" "$cache/cards"
	awk -v n="$n" -v orgs="$orgs" -v dir="$cache/answers" -f "$here/answers.awk" \
		"$src/questionnaires/communes.yaml"
	# Each scorecard a different day: 2024-01-01 plus i times 40 minutes.
	ls "$cache/answers" | sed 's/^a//; s/\.yaml$//' | xargs -P "$jobs" -n 50 sh -c '
		for i; do
			SOURCE_DATE_EPOCH=$((1704067200 + $(echo "$i" | sed "s/^0*//") * 2400)) \
				"$0" score -a "'"$cache"'/answers/a$i.yaml" --no-host \
				--out "'"$cache"'/cards/c$i.json" >/dev/null || exit 255
		done' "$vigie"
	"$vigie" keygen --out "$cache/bench" >/dev/null
	ls "$cache/cards" | sed "s|^|$cache/cards/|" |
		xargs -n 500 "$vigie" sign --key "$cache/bench.key" --signer "bench" >/dev/null
	touch "$cache/ready"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cards=$(ls "$cache/cards" | grep -c '\.json$')
bytes=$(du -sk "$cache/cards" | cut -f1)
echo "$cards signed scorecards, $((bytes / 1024)) MiB with signatures, $jobs CPUs"
echo "vigie $("$vigie" --version | head -1)"

# run NAME CMD...: runs CMD under GNU time; prints wall seconds, rate and peak memory.
run() {
	name=$1
	shift
	/usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
		echo "$name failed:"
		tail -5 "$work/out" "$work/err"
		exit 1
	}
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time")
	rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
	awk -v name="$name" -v w="$wall" -v n="$cards" -v rss="$rss" 'BEGIN {
		printf "%-28s %8.2f s %10.0f scorecards/s   peak RSS %6.1f MiB\n",
			name, w, (w > 0 ? n / w : 0), rss / 1024 }'
}

run "collect (new store)" "$vigie" collect --db "$work/store.db" --pubkey "$cache/bench.pub" \
	--quiet "$cache/cards"
tail -1 "$work/out"
size=$(stat -c %s "$work/store.db")
echo "store size: $((size / 1048576)) MiB ($((size / cards)) bytes per scorecard)"
run "collect (all present)" "$vigie" collect --db "$work/store.db" --pubkey "$cache/bench.pub" \
	--quiet "$cache/cards"
tail -1 "$work/out"
run "summary" "$vigie" summary --db "$work/store.db"
run "summary --csv" "$vigie" summary --db "$work/store.db" --csv "$work/s.csv"
sqlite3 "$work/store.db" 'PRAGMA integrity_check' 2>/dev/null | sed 's/^/integrity_check: /' || true
