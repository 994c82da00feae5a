#!/bin/sh
# How fast `vigie collect` verifies and imports signed scorecards: N (default 10,000)
# scorecards of questionnaire Q (default communes, the embedded default: about 67 KB each;
# decouverte makes 7 KB ones) with varied answers, from 2,500 communes, each signed with
# `vigie sign`, collected into a new store. Prints scorecards per second, the
# store's size and collect's peak memory (GNU time -v), then the same for a second collect
# of the same files (all already present) and for `vigie summary`.
# The signed scorecards are made once into CACHE (default
# ${XDG_CACHE_HOME:-~/.cache}/vigie-bench-collect-Q-N) and reused: scoring 10,000 answers
# files takes a few minutes.
# The new-store collect runs RUNS times (default 3, each into a new store; the machine's
# own speed varies from minute to minute), then the median of their rates.
# Usage: [RUNS=3] bench/collect/run.sh [VIGIE_BINARY] [N] [Q] [CACHE]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
vigie=$(cd "$(dirname "${1:-build/vigie}")" && pwd)/$(basename "${1:-build/vigie}")
n=${2:-10000}
q=${3:-communes}
cache=${4:-${XDG_CACHE_HOME:-$HOME/.cache}/vigie-bench-collect-$q-$n}
orgs=2500
jobs=$(nproc 2>/dev/null || echo 2)
runs=${RUNS:-3}

if [ ! -x /usr/bin/time ]; then
	echo "installing GNU time (/usr/bin/time)"
	apt-get install -y time >/dev/null
fi

if [ ! -f "$cache/ready" ]; then
	echo "making $n signed scorecards in $cache (once)"
	rm -rf "$cache"
	mkdir -p "$cache/answers" "$cache/cards"
	awk -v n="$n" -v orgs="$orgs" -v dir="$cache/answers" -v qid="$q" -f "$here/answers.awk" \
		"$src/questionnaires/$q.yaml"
	# Each scorecard a different day: 2024-01-01 plus i times 40 minutes.
	ls "$cache/answers" | sed 's/^a//; s/\.yaml$//' | xargs -P "$jobs" -n 50 sh -c '
		for i; do
			SOURCE_DATE_EPOCH=$((1704067200 + $(echo "$i" | sed "s/^0*//") * 2400)) \
				"$0" score -q "'"$q"'" -a "'"$cache"'/answers/a$i.yaml" --no-host \
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
echo "$cards signed scorecards of questionnaire $q, $((bytes / 1024)) MiB with signatures, $jobs CPUs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
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
	cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$work/time")
	awk -v name="$name" -v w="$wall" -v n="$cards" -v rss="$rss" -v cpu="$cpu" 'BEGIN {
		printf "%-22s %7.2f s %7.0f scorecards/s  CPU %7.2f s (%.3f ms/scorecard)  peak RSS %6.1f MiB\n",
			name, w, (w > 0 ? n / w : 0), cpu, cpu * 1000 / n, rss / 1024 }' | tee -a "$work/lines"
}

i=1
while [ "$i" -le "$runs" ]; do
	rm -f "$work/store.db" "$work/store.db-wal" "$work/store.db-shm"
	run "collect (new store)" "$vigie" collect --db "$work/store.db" \
		--pubkey "$cache/bench.pub" --quiet "$cache/cards"
	i=$((i + 1))
done
tail -1 "$work/out"
grep '^collect (new store)' "$work/lines" | awk '{ print $6 }' | sort -n |
	awk '{ r[NR] = $1 } END { printf "collect (new store): median of %d runs %.0f scorecards/s (%.0f to %.0f)\n",
		NR, (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2), r[1], r[NR] }'
size=$(stat -c %s "$work/store.db")
echo "store size: $((size / 1048576)) MiB ($((size / cards)) bytes per scorecard)"
run "collect (all present)" "$vigie" collect --db "$work/store.db" --pubkey "$cache/bench.pub" \
	--quiet "$cache/cards"
tail -1 "$work/out"
run "summary" "$vigie" summary --db "$work/store.db"
run "summary --csv" "$vigie" summary --db "$work/store.db" --csv "$work/s.csv"
sqlite3 "$work/store.db" 'PRAGMA integrity_check' 2>/dev/null | sed 's/^/integrity_check: /' || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows the wall times)"
