#!/bin/sh
# Issue 16, point 5: hostile STARTTLS peers (tests/tls/peers.py hostile) make tls_readline
# fail: closed mid-line, a NUL byte, a line over the buffer, and a short broken reply after
# a long one. The failure shows this peer's bytes only: before, tls_starttls printed line[]
# unterminated (uninitialised or stale bytes, e.g. "25SSSS..." from the previous reply).
set -u
. "$2/tests/lib.sh"
T=$SCRATCH
PEERS=$SRC/tests/tls/peers.py
command -v python3 >/dev/null || { echo "python3 is needed (scripts/packages/test-tls.txt)"; exit 1; }
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null || true; done' EXIT
trap 'exit 1' INT TERM HUP
set -- $(python3 "$PEERS" freeports 4)
i=0
for kind in close nul long stale; do
	i=$((i + 1))
	eval "port=\${$i}"
	python3 "$PEERS" hostile "$port" "$kind" >"$T/$kind.log" 2>&1 &
	pids="$pids $!"
	eval "port_$kind=$port"
done
python3 "$PEERS" waitports "$port_close" "$port_nul" "$port_long" "$port_stale" ||
	{ echo "hostile peers did not start"; exit 1; }

# probe KIND EXPECTED: vigie tls on smtp://KIND's port, a starttls_failed saying EXPECTED.
probe() {
	eval "port=\$port_$1"
	t_run "$1: STARTTLS fails cleanly" 1 "$VIGIE" --lang en tls --json --timeout 3000 \
		"smtp://127.0.0.1:$port"
	t_grep "$1: starttls_failed" "$SCRATCH/out" '"starttls_failed"'
	t_grep "$1: says what happened, with this peer's bytes only" "$SCRATCH/out" "$2"
}
probe close 'smtp STARTTLS: the server closed the connection (\"220-partial\")'
probe nul 'smtp STARTTLS: the server sent a NUL byte (\"220 ok\")'
probe long 'smtp STARTTLS: the server sent a line over 1024 bytes (\"220 LLLL'
probe stale 'smtp STARTTLS: the server closed the connection (\"25\")'
if grep -q 'SSSS' "$SCRATCH/out"; then
	t_notok "stale: bytes of the previous reply shown" "$(cat "$SCRATCH/out")"
else
	t_ok "stale: no byte of the previous reply"
fi
t_done
