#!/bin/sh
# bench/dns/run.sh: `vigie dns` on 20 domains at once against the slowest single domain,
# and against `dig` asking the same questions one domain after the other. Everything on
# 127.0.0.1: the zones of tests/dns/fixtures.sh served by NSD, behind a UDP relay
# (delay.py) that holds every answer DELAY_MS (default 50) so that a lookup costs what it
# costs on the internet rather than loopback's tens of microseconds.
#
#   sh bench/dns/run.sh            DELAY_MS=50 RUNS=5
#   DELAY_MS=80 RUNS=3 sh bench/dns/run.sh
#   DIG=0 sh bench/dns/run.sh      without the (slow) dig part
#
# Prints the median wall time of each, and the ratios: 20 domains / slowest single domain
# (the goal: at most 1.2) and dig sequential / vigie.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PATH=$PATH:/usr/sbin
DELAY_MS=${DELAY_MS:-50}
RUNS=${RUNS:-5}
VIGIE=${VIGIE:-$ROOT/build/vigie}
sh "$ROOT/scripts/deps.sh" test || exit 1
if [ ! -x "$VIGIE" ]; then
	cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
		cmake --build "$ROOT/build" -j"$(nproc)" >/dev/null || exit 1
fi
work=$(mktemp -d)
DNSFX_SELF=$ROOT/tests/dns/fixtures.sh
. "$DNSFX_SELF"
relay=""
trap 'dnsfx_stop; [ -n "$relay" ] && kill "$relay"; sleep 0.3; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
dnsfx_start "$work/fx" || { echo "bench: cannot start the DNS fixtures" >&2; exit 1; }
. "$work/fx/env"
export VIGIE_TEST_MTA_STS_PORT="$STS_PORT"
port=$(python3 "$ROOT/tests/tls/peers.py" freeports 1)
python3 "$ROOT/bench/dns/delay.py" "$port" "${RESOLVER#*@}" "$DELAY_MS" &
relay=$!
# Ready when an answer comes through it (python starts slowly on a loaded machine).
i=0
until dig +time=1 +tries=1 -p "$port" @127.0.0.1 good.vigietest SOA 2>/dev/null | grep -q NOERROR; do
	i=$((i + 1))
	[ $i -gt 50 ] && { echo "bench: the relay never answered" >&2; exit 1; }
	sleep 0.1
done
via=127.0.0.1@$port
# 20 domains: every fixture zone that answers (19) and one that does not exist.
domains=$(awk '$3 !~ /^error:/ { print $2 }' "$work/fx/fixtures.txt" | head -19)
domains="$domains nx.good.vigietest"
set -- $domains
[ $# -eq 20 ] || { echo "bench: $# domains, not 20" >&2; exit 1; }

# ms CMD...: wall time of CMD in milliseconds.
# A run whose resolver failed (relay gone, timeout) is reported, not timed silently.
ms() {
	s=$(date +%s%N)
	"$@" >"$work/last.out" 2>&1
	e=$(date +%s%N)
	if grep -qE 'resolver_unreachable|\[timeout\]|resolver_error' "$work/last.out"; then
		echo "bench: a run failed: $*" >&2
		grep -E 'resolver_unreachable|\[timeout\]|resolver_error' "$work/last.out" | head -3 >&2
	fi
	echo $(((e - s) / 1000000))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# The mail servers' STARTTLS is left out (it is the TLS prober's work, bench/tls), when the
# binary has it: an older one can be measured the same way.
nost=
"$VIGIE" dns --help 2>/dev/null | grep -q -- --no-starttls && nost=--no-starttls
vdns() { "$VIGIE" dns $nost --resolver "$via" --trust-anchor "$ANCHOR" --ca "$CA" --timeout 10000 "$@"; }
# What vigie asks for one domain, with dig, one question after the other.
dig_domain() {
	for q in "$1 MX" "$1 TXT" "_dmarc.$1 TXT" "_mta-sts.$1 TXT" "_smtp._tls.$1 TXT" \
		"$1 CAA" "$1 DNSKEY"; do
		# shellcheck disable=SC2086
		dig +dnssec +time=5 +tries=1 -p "${via#*@}" @127.0.0.1 $q >/dev/null
	done
	for sel in default selector1 selector2 google k1 k2 k3 mail dkim s1 s2 mx smtp key1 key2 \
		mandrill everlytic sig1 zoho protonmail; do
		dig +dnssec +time=5 +tries=1 -p "${via#*@}" @127.0.0.1 "$sel._domainkey.$1" TXT >/dev/null
	done
}
dig_all() { for d in "$@"; do dig_domain "$d"; done; }

vdns "$@" >/dev/null 2>&1 # warm the page cache
singles=""
for d in "$@"; do
	t=$(for _ in $(seq "$RUNS"); do ms vdns "$d"; done | median)
	singles="$singles $t"
done
slowest=$(printf '%s\n' $singles | sort -n | tail -1)
all=$(for _ in $(seq "$RUNS"); do ms vdns "$@"; done | median)
digt=n/a
[ "${DIG:-1}" = 1 ] && digt=$(ms dig_all "$@")
queries=$(vdns --json "$@" | grep -o '"queries": [0-9]*' | awk '{ s += $2 } END { print s }')
# The processor time vigie spends (DNSSEC validation, TLS of the MTA-STS fetches): on a
# loaded machine it is what stretches the 20-domain run beyond the slowest domain's.
cpu=$(/usr/bin/time -f '%U %S' sh -c "\"$VIGIE\" dns $nost --resolver $via --trust-anchor '$ANCHOR' --ca '$CA' --timeout 10000 $* >/dev/null" 2>&1 | tail -1 |
	awk '{ printf "%.0f", ($1 + $2) * 1000 }')
echo "bench/dns: 20 domains, relay delay ${DELAY_MS} ms per answer, median of $RUNS runs"
echo "  vigie dns, each domain alone (ms):$singles"
echo "  vigie dns, slowest single domain:       $slowest ms"
echo "  vigie dns, the 20 domains at once:      $all ms ($queries DNS queries, ${cpu} ms of CPU)"
echo "  load average while it ran:             $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)"
echo "  dig, the same questions one by one:     $digt ms (one run; 27 questions a domain, no SPF includes, no MTA-STS policy)"
awk -v a="$all" -v s="$slowest" -v d="$digt" 'BEGIN {
	printf "  ratio 20 domains / slowest single:     %.2f (goal: 1.20 at most)\n", a / s
	if (d != "n/a") printf "  ratio dig sequential / vigie:          %.1f\n", d / a }'
