#!/bin/sh
# bench/verify: how fast a consultant checks a batch of signed scorecards.
# Generates N scorecards (default 10000), signs them with one vigie process, times
# `vigie verify` over all of them, and compares with the Ed25519 verify rate that
# `openssl speed ed25519` measures on the same machine in the same run.
# Usage: sh bench/verify/run.sh [VIGIE_BINARY] [N]
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
VIGIE=${1:-$SRC/build/vigie}
N=${2:-10000}
[ -x "$VIGIE" ] || { echo "no vigie binary at $VIGIE: build first (make build)" >&2; exit 2; }
case $VIGIE in /*) ;; *) VIGIE=$(pwd)/$VIGIE ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench-verify.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT INT TERM
now() { date +%s.%N; }
unset VIGIE_PASSPHRASE

"$VIGIE" keygen --out "$T/k" </dev/null >/dev/null
"$VIGIE" score -q decouverte --answers "$SRC/tests/data/answers/saint-exemple.yaml" --out "$T/template.json" \
	>/dev/null
mkdir "$T/cards"
# N distinct scorecards: the template with a different organisation name in each.
awk -v n="$N" -v dir="$T/cards" '
	{ line[NR] = $0 }
	END {
		for (i = 1; i <= n; i++) {
			f = sprintf("%s/card-%05d.json", dir, i)
			for (j = 1; j <= NR; j++) {
				l = line[j]
				sub(/"Mairie de Saint-Exemple"/, "\"Mairie numéro " i "\"", l)
				print l > f
			}
			close(f)
		}
	}' "$T/template.json"
cd "$T/cards"
t0=$(now)
"$VIGIE" sign card-*.json --key "$T/k.key" >/dev/null
t1=$(now)
"$VIGIE" verify card-*.json --pubkey "$T/k.pub" >"$T/verify.out"
t2=$(now)
ok=$(grep -c '^OK  ' "$T/verify.out" || true)
[ "$ok" = "$N" ] || { echo "only $ok of $N verified" >&2; exit 1; }
# Same again with --trusted (the consultant's usual case: a directory of .pub files).
mkdir "$T/trusted" && cp "$T/k.pub" "$T/trusted/"
t3=$(now)
"$VIGIE" verify card-*.json --trusted "$T/trusted" >/dev/null
t4=$(now)

speed=$(openssl speed -seconds 3 ed25519 2>/dev/null | awk '/Ed25519/ && $NF ~ /^[0-9.]+$/ { v = $NF } END { print v }')
size=$(wc -c <card-00001.json)
awk -v n="$N" -v s="$size" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v t4="$t4" \
	-v sp="$speed" 'BEGIN {
	sign = n / (t1 - t0); ver = n / (t2 - t1); tr = n / (t4 - t3)
	printf "scorecards: %d of %d bytes each\n", n, s
	printf "vigie sign:                   %8.2f s  %9.0f scorecards/s\n", t1 - t0, sign
	printf "vigie verify --pubkey:        %8.2f s  %9.0f scorecards/s\n", t2 - t1, ver
	printf "vigie verify --trusted DIR:   %8.2f s  %9.0f scorecards/s\n", t4 - t3, tr
	printf "openssl speed ed25519 verify:            %9.0f verifies/s\n", sp
	printf "ratio scorecards/s : Ed25519 verifies/s = %.3f (each scorecard costs 2 Ed25519\n", ver / sp
	printf "verifies, a BLAKE2b-512 of the file, reading 2 files and parsing the JSON)\n"
}'
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(openssl version)"
