#!/bin/sh
# bench/tls/run.sh: vigie, sslscan and testssl.sh side by side on the TLS fixture servers of
# tests/tls/fixtures.sh (all on 127.0.0.1). Prints each tool's wall time per endpoint, the
# deliberate properties each one reported (a table), and the totals.
#
#   sh bench/tls/run.sh                      every endpoint, every tool
#   TESTSSL_ONLY="good tls10 null" sh ...    testssl.sh on these fixtures only (it takes
#                                            about a minute per endpoint)
#   TESTSSL_ONLY=none sh ...                 no testssl.sh
#   TESTSSL_JOBS=4                           testssl.sh runs at once (default 4; they
#                                            run after the vigie and sslscan timings)
#   BENCH_KEEP=DIR                           keep the raw outputs in DIR
#
# testssl.sh is confined to loopback: it runs with NXCONNECT=127.0.0.1:0 inside a private
# mount namespace (unshare -m) whose /etc/resolv.conf points at 127.0.0.1, because
# testssl.sh 3.0.8 asks the system resolver even with --nodns none. Needs root (unshare).
# Missing Debian packages (sslscan, testssl.sh, openssl, nginx, python3) are installed.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PATH=$PATH:/usr/sbin

missing=""
for p in sslscan testssl.sh openssl nginx python3 util-linux; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	echo "bench: installing$missing"
	$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		{ echo "bench: cannot install$missing" >&2; exit 1; }
fi
VIGIE=${VIGIE:-$ROOT/build/vigie}
if [ ! -x "$VIGIE" ]; then
	cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
		cmake --build "$ROOT/build" -j"$(nproc)" >/dev/null || exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench-tls.XXXXXX") || exit 1
TLSFX_SELF=$ROOT/tests/tls/fixtures.sh
. "$TLSFX_SELF"
trap 'tlsfx_stop; rm -rf "$WORK"' EXIT
trap 'exit 1' INT TERM HUP
echo "bench: starting the fixture servers (127.0.0.1) ..."
tlsfx_start "$WORK/fx" || exit 1
CA=$WORK/fx/pki/root.crt
echo "nameserver 127.0.0.1" >"$WORK/resolv.conf"
# The TLS endpoints (the hostile peers are for the test suite, not the bench).
grep -v ' error:' "$WORK/fx/fixtures.txt" >"$WORK/endpoints.txt"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

testssl_wanted() {
	case "${TESTSSL_ONLY:-all}" in
	all) return 0 ;;
	none) return 1 ;;
	esac
	for n in $TESTSSL_ONLY; do [ "$n" = "$1" ] && return 0; done
	return 1
}

: >"$WORK/times.txt"
# vigie and sslscan, one endpoint at a time, alone on the machine.
while read -r name target expect; do
	hostport=${target#*://}
	st_sslscan=""
	[ "$hostport" != "$target" ] && st_sslscan="--starttls-${target%%://*}"
	t0=$(now_ms)
	"$VIGIE" tls --json --ca "$CA" "$target" >"$WORK/vigie.$name.json" 2>&1
	t1=$(now_ms)
	# shellcheck disable=SC2086
	sslscan --no-colour $st_sslscan "$hostport" >"$WORK/sslscan.$name.txt" 2>&1
	t2=$(now_ms)
	echo "$name $((t1 - t0)) $((t2 - t1))" >>"$WORK/times.txt"
done <"$WORK/endpoints.txt"

# All endpoints at once: vigie probes them concurrently.
t0=$(now_ms)
# shellcheck disable=SC2046
"$VIGIE" tls --json --ca "$CA" $(awk '{ print $2 }' "$WORK/endpoints.txt") \
	>"$WORK/vigie.all.json" 2>&1
t1=$(now_ms)
echo "ALL $((t1 - t0))" >>"$WORK/times.txt"

# testssl.sh last, TESTSSL_JOBS (default 4) endpoints at a time, each confined to loopback.
testssl_one() { # NAME TARGET
	hostport=${2#*://}
	st=""
	[ "$hostport" != "$2" ] && st="-t ${2%%://*}"
	t0=$(now_ms)
	# shellcheck disable=SC2086
	unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf && shift &&
		NXCONNECT=127.0.0.1:0 exec "$@"' sh "$WORK/resolv.conf" \
		testssl --quiet --color 0 --warnings off --nodns none --add-ca "$CA" \
		--jsonfile "$WORK/testssl.$1.json" $st "$hostport" >"$WORK/testssl.$1.txt" 2>&1
	echo "$1 $(($(now_ms) - t0))" >"$WORK/testssl.$1.time"
}
jobs_max=${TESTSSL_JOBS:-4}
running=0
pids=""
t0=$(now_ms)
while read -r name target expect; do
	testssl_wanted "$name" || continue
	echo "bench: testssl.sh on $name ($target) ..."
	testssl_one "$name" "$target" &
	pids="$pids $!"
	running=$((running + 1))
	if [ $running -ge "$jobs_max" ]; then
		for p in $pids; do wait "$p"; done # not a bare wait: the servers are children too
		pids="" running=0
	fi
done <"$WORK/endpoints.txt"
for p in $pids; do wait "$p"; done
echo "TESTSSL_WALL $(($(now_ms) - t0)) $jobs_max" >>"$WORK/times.txt"
cat "$WORK"/testssl.*.time >>"$WORK/times.txt" 2>/dev/null

python3 "$ROOT/bench/tls/table.py" "$WORK"
[ -n "${BENCH_KEEP:-}" ] && cp -r "$WORK" "$BENCH_KEEP"
exit 0
