#!/bin/sh
# Runs every libFuzzer target of BUILD_DIR for SECONDS seconds each, two at a time, from
# the seed corpora listed in fuzz/corpora.txt (copied: the repository is never written).
# Fails if any target finds a crash, a leak or a sanitizer report.
set -eu
build=$1
seconds=${2:-60}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

run_one() {
	name=$1
	shift
	corpus=$work/$name
	mkdir -p "$corpus"
	for d in "$@"; do
		find "$src/$d" -type f -size -1M -exec cp {} "$corpus/" \; 2>/dev/null || true
	done
	if "$build/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 "$corpus" >"$work/$name.log" 2>&1; then
		echo "fuzz $name: ok ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$name.log" | awk '{print $2}') runs in ${seconds}s)"
	else
		echo "fuzz $name: FAILED"
		tail -n 60 "$work/$name.log"
		return 1
	fi
}

status=0
pids=""
n=0
grep -v '^#' "$src/fuzz/corpora.txt" | grep -v '^$' >"$work/targets"
while read -r name dirs; do
	if [ ! -x "$build/$name" ]; then
		echo "fuzz $name: not built in $build" >&2
		status=1
		continue
	fi
	# shellcheck disable=SC2086
	run_one "$name" $dirs >"$work/$name.out" 2>&1 &
	pids="$pids $!:$name"
	n=$((n + 1))
	if [ $((n % 2)) -eq 0 ]; then
		for p in $pids; do
			wait "${p%%:*}" || status=1
			cat "$work/${p#*:}.out"
		done
		pids=""
	fi
done <"$work/targets"
for p in $pids; do
	wait "${p%%:*}" || status=1
	cat "$work/${p#*:}.out"
done
for f in "$src"/fuzz/fuzz_*.c; do
	name=$(basename "$f" .c)
	grep -q "^$name " "$work/targets" || { echo "fuzz $name: no corpus line in fuzz/corpora.txt"; status=1; }
done
exit $status
