#!/bin/sh
# TUI benchmark: start-up to first screen, keypress-to-redraw over a scripted run of 200
# answers, and peak RSS, on the full `communes` questionnaire (10 context questions and
# the domain questions) in an 80x24 tmux terminal.
#
# How it measures: vigie writes timestamps (CLOCK_REALTIME, ns) to the file named by
# VIGIE_TUI_TRACE: "key T" when get_wch returns a key, "frame T" when doupdate() has
# written the new screen to the terminal, and "maxrss_kb N" (getrusage) at exit.
#  - start-up: a wrapper records the time just before it execs vigie; start-up is the
#    first "frame" minus that (exec, dynamic loading, questionnaire parse, session load,
#    initscr and the first full draw);
#  - keypress-to-redraw: each "key" to the next "frame": handling the key, saving the
#    session when it is an answer (new temp file, rename over the old one: from then on a
#    killed process loses nothing) and redrawing. The fsyncs of the file and of its
#    directory (what a power cut needs) come right after the redraw, before the next key
#    is read: "synced" in the trace, reported as answer-to-durable. Keys are sent one at a time: the next is sent only once the
#    previous frame is in the trace. tmux's own input and rendering are not included.
#    CPU time to the first screen (CLOCK_PROCESS_CPUTIME_ID, "cpu_ns") is reported too:
#    on a loaded machine wall time mostly measures waiting for a CPU.
#  - peak RSS: ru_maxrss of the vigie process.
# Usage: bench/tui/run.sh [VIGIE_BINARY] [RUNS]   (default build/vigie, 10 start-ups)
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
vigie=$(realpath "${1:-$src/build/vigie}")
runs=${2:-10}
work=$(mktemp -d)
sock="vigie-bench-tui-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }

# Waits until file $1 has more than $2 lines (at most 5 s).
wait_lines() {
	i=0
	while [ "$(lines "$1")" -le "$2" ]; do
		i=$((i + 1))
		[ $i -lt 5000 ] || { echo "bench: no redraw within 5 s" >&2; exit 1; }
		sleep 0.001
	done
}

start() { # $1: trace file, $2: session file
	cat >"$work/run.sh" <<EOS
date +%s%N >"$1.t0"
exec env HOME="$work" XDG_STATE_HOME="$work/state" LANG=C.UTF-8 LC_ALL= LANGUAGE= \
	VIGIE_LANG= VIGIE_TUI_TRACE="$1" "$vigie" -q communes --session "$2" 2>>"$work/stderr"
EOS
	tmx new-session -d -s next -x 80 -y 24 sh "$work/run.sh"
	tmx kill-session -t b 2>/dev/null || true
	tmx rename-session -t next b
	wait_lines "$1" 0
}

stop() { # $1: trace file
	n=$(lines "$1")
	tmx send-keys -t b q
	i=0
	until grep -q maxrss_kb "$1"; do
		i=$((i + 1))
		[ $i -lt 5000 ] || { echo "bench: vigie did not quit" >&2; exit 1; }
		sleep 0.001
	done
	: "$n"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else printf "%.2f", (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; printf "%.2f", a[i]}'; }

# A session that outlives every vigie run, so the tmux server never exits between runs.
tmx new-session -d -s keep -x 80 -y 24 sleep 600

# 1. Start-up, with a new session file each time.
: >"$work/startup.ms"
: >"$work/startup-cpu.ms"
for r in $(seq "$runs"); do
	t="$work/start-$r.trace"
	rm -f "$work/start.json"
	start "$t" "$work/start.json"
	t0=$(cat "$t.t0")
	f=$(awk '$1 == "frame" {print $2; exit}' "$t")
	echo "$(( (f - t0) / 1000 ))" | awk '{printf "%.3f\n", $1 / 1000}' >>"$work/startup.ms"
	awk '$1 == "cpu_ns" {printf "%.3f\n", $2 / 1e6; exit}' "$t" >>"$work/startup-cpu.ms"
	stop "$t"
done

# 2. 200 answers, one key at a time.
t="$work/keys.trace"
s="$work/keys.json"
rm -f "$s"
start "$t" "$s"
n=$(lines "$t")
tmx send-keys -t b Enter
wait_lines "$t" "$n"
answers=0
digit=1
while [ "$answers" -lt 200 ]; do
	if grep -q '"screen": "checks"' "$s"; then
		# Past the last question: back to the domains, then to the first question.
		for k in Escape Home Enter; do
			n=$(lines "$t")
			tmx send-keys -t b "$k"
			wait_lines "$t" "$((n + 1))"
		done
		digit=$((digit % 2 + 1))
		continue
	fi
	n=$(lines "$t")
	tmx send-keys -t b "$digit"
	wait_lines "$t" "$((n + 1))"
	answers=$((answers + 1))
done
stop "$t"
awk '$1 == "key" {k = $2} $1 == "frame" && k {printf "%.3f\n", ($2 - k) / 1e6; s = k; k = 0}
	$1 == "synced" && s {printf "%.3f\n", ($2 - s) / 1e6 >"/dev/stderr"; s = 0}' "$t" \
	>"$work/keys.ms" 2>"$work/durable.ms"
rss=$(awk '$1 == "maxrss_kb" {print $2}' "$t")

echo "vigie TUI benchmark ($(basename "$vigie"), communes questionnaire, 80x24 tmux)"
echo "start-up to first screen: median $(median <"$work/startup.ms") ms, min $(sort -n "$work/startup.ms" | head -1) ms, max $(sort -n "$work/startup.ms" | tail -1) ms over $runs runs (target < 50 ms)"
echo "  CPU time of vigie to its first screen: median $(median <"$work/startup-cpu.ms") ms (load average now: $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs)"
echo "keypress to redraw: median $(median <"$work/keys.ms") ms, p95 $(pct 95 <"$work/keys.ms") ms, max $(sort -n "$work/keys.ms" | tail -1) ms over $(wc -l <"$work/keys.ms") keys, $answers answers saved (target median < 5 ms)"
echo "answer to durable (fsync of file and directory done, after the redraw): median $(median <"$work/durable.ms") ms, p95 $(pct 95 <"$work/durable.ms") ms over $(wc -l <"$work/durable.ms") answers"
echo "peak RSS: $rss KiB ($(awk -v k="$rss" 'BEGIN {printf "%.1f", k / 1024}') MiB) (target < 16 MiB)"
if [ -s "$work/stderr" ]; then
	echo "stderr of vigie:"
	cat "$work/stderr"
fi
