#!/bin/sh
# Tree scan benchmark: vigie's tree_scan against GNU find evaluating the same predicates
# in one pass, and against the bare floor (find -printf '%m', a walk and a stat per entry).
# Usage: sh bench/perms/run.sh [VIGIE] [ENTRIES] [ROUNDS]
# Needs: GNU find, /usr/bin/time (Debian package `time`, installed here when missing).
set -eu
cd "$(dirname "$0")/../.."
VIGIE=${1:-./build/vigie}
ENTRIES=${2:-200000}
ROUNDS=${3:-5}
PROFILE=bench/perms/profile.yaml

[ -x "$VIGIE" ] || { echo "bench: build vigie first (make build), or give its path" >&2; exit 2; }
if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
	else
		echo "bench: /usr/bin/time is missing: apt-get install time" >&2
		exit 2
	fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench-perms.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
T=$WORK/tree

# ---- the tree: 10 x 10 x 10 leaf directories of files, ENTRIES entries in all ----
echo "bench: generating a tree of $ENTRIES entries in $T"
mkdir -p "$T/etc" "$T/usr/bin" "$T/home"
cp /etc/passwd /etc/group "$T/etc/"
ndirs=1000
per=$(((ENTRIES - 1111 + ndirs - 1) / ndirs))
for a in 0 1 2 3 4 5 6 7 8 9; do
	for b in 0 1 2 3 4 5 6 7 8 9; do
		for c in 0 1 2 3 4 5 6 7 8 9; do
			mkdir -p "$T/d$a/d$b/d$c"
		done
	done
done
for d in "$T"/d?/d?/d?; do
	# 90% empty files, 10% small ones (read by the private key sniffer)
	small=$((per / 10))
	(cd "$d" && seq -f 'f%05g' 1 $((per - small)) | xargs touch &&
		head -c $((small * 300)) /dev/urandom | od -An -tx1 | head -c $((small * 300)) |
		split -a 4 -b 300 - s)
done
# a few planted issues, so that the predicates have something to find
echo x >"$T/d1/d1/d1/ww" && chmod 0666 "$T/d1/d1/d1/ww"
chmod 0777 "$T/d2/d2/d2"
printf 'x' >"$T/d3/d3/d3/suid" && chmod 4755 "$T/d3/d3/d3/suid"
printf -- '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n-----END RSA PRIVATE KEY-----\n' >"$T/d4/d4/d4/server.pem"
chmod 0644 "$T/d4/d4/d4/server.pem"
echo x >"$T/d5/d5/d5/id_rsa" && chmod 0644 "$T/d5/d5/d5/id_rsa"
if [ "$(id -u)" -eq 0 ]; then
	echo x >"$T/d6/d6/d6/orphan" && chown 4242:4242 "$T/d6/d6/d6/orphan"
fi
mkdir -p "$T/home/user/.ssh" && chmod 0755 "$T/home/user" "$T/home/user/.ssh"
n=$(find "$T" -xdev | wc -l)
echo "bench: $n entries"

# ---- the three contenders (bench/perms/contenders.sh) ----
export VIGIE PROFILE T WORK
C=bench/perms/contenders.sh
. "$C"

# Runs a contender under /usr/bin/time -v; prints "wall_seconds max_rss_kib cpu_seconds".
measure() {
	/usr/bin/time -v -o "$WORK/time" sh -c ". '$C'; $1"
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
			for (i = 1; i <= n; i++) s = s * 60 + t[i]; el = s }
		/User time/ { cpu += $2 } /System time/ { cpu += $2 }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%.3f %d %.3f\n", el, rss, cpu }' "$WORK/time"
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: warming the cache"
run_floor
run_find
run_vigie

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
: >"$WORK/t.vigie"
: >"$WORK/t.find"
: >"$WORK/t.floor"
: >"$WORK/rss.vigie"
: >"$WORK/cpu.vigie"
: >"$WORK/cpu.find"
: >"$WORK/cpu.floor"
i=0
while [ $i -lt "$ROUNDS" ]; do
	for c in vigie find floor; do
		set -- $(measure run_$c)
		echo "$1" >>"$WORK/t.$c"
		echo "$3" >>"$WORK/cpu.$c"
		[ $c = vigie ] && echo "$2" >>"$WORK/rss.vigie"
		printf 'round %d %-6s wall %6.3f s  cpu %6.3f s  %6d KiB\n' $((i + 1)) $c "$1" "$3" "$2"
	done
	i=$((i + 1))
done

v=$(median <"$WORK/t.vigie")
f=$(median <"$WORK/t.find")
fl=$(median <"$WORK/t.floor")
cv=$(median <"$WORK/cpu.vigie")
cf=$(median <"$WORK/cpu.find")
cfl=$(median <"$WORK/cpu.floor")
rss=$(sort -n "$WORK/rss.vigie" | tail -1)
nv=$(grep -c '^    {"level"' "$WORK/vigie.out" || true)
nf=$(wc -l <"$WORK/find.out")
echo
echo "entries: $n; findings: vigie $nv, find $nf (find does not read file contents)"
echo "load average before the runs: $load (the machine has $(nproc) cores)"
echo "median of $ROUNDS, wall: vigie $v s, find one pass $f s, floor (find -printf %m) $fl s"
echo "median of $ROUNDS, cpu (user+sys): vigie $cv s, find one pass $cf s, floor $cfl s"
awk -v v="$v" -v f="$f" -v fl="$fl" -v cv="$cv" -v cf="$cf" -v cfl="$cfl" 'BEGIN {
	printf "vigie / floor: %.2fx wall, %.2fx cpu (target <= 1.5x)\n", v / fl, cv / cfl
	printf "find one pass / floor: %.2fx wall, %.2fx cpu\n", f / fl, cf / cfl
	printf "vigie / find one pass: %.2fx wall\n", v / f }'
echo "vigie peak memory (Maximum resident set size): $rss KiB (target < 32768 KiB)"
