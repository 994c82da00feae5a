#!/bin/sh
# How fast `vigie validate` refuses hostile YAML: a 10,000-level nested file, an alias
# bomb (a billion laughs) and a self-referencing alias. Side by side with PyYAML's
# safe_load (python3-yaml, with libyaml's C loader when present), the validator a user
# would otherwise reach for. Prints the median of RUNS runs per file, in milliseconds.
# Usage: bench/yaml/run.sh [VIGIE_BINARY] [RUNS]
set -eu
vigie=${1:-build/vigie}
runs=${2:-21}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]"; print "" }' \
	>"$work/deep.yaml"
awk 'BEGIN { print "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]";
	for (i = 1; i < 10; i++) { printf "a%d: &a%d [", i, i;
		for (j = 0; j < 10; j++) printf "*a%d%s", i - 1, j < 9 ? ", " : "";
		print "]" } }' >"$work/bomb.yaml"
printf 'a: &a [*a]\n' >"$work/self.yaml"

# median_ms CMD...: median wall time of $runs runs, in ms with two decimals.
median_ms() {
	i=0
	: >"$work/times"
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000)) >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%.2f", $1 / 1000 }'
}

have_py=0
python3 -c 'import yaml' 2>/dev/null && have_py=1
cat >"$work/py.py" <<'EOT'
import sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
try:
    yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=loader)
except Exception as e:
    print(type(e).__name__, file=sys.stderr)
EOT

printf '%-22s %12s %14s %8s\n' "file" "vigie (ms)" "PyYAML (ms)" "ratio"
for f in deep bomb self; do
	v=$(median_ms "$vigie" validate "$work/$f.yaml")
	if [ $have_py -eq 1 ]; then
		p=$(median_ms timeout 20 python3 "$work/py.py" "$work/$f.yaml")
		r=$(awk -v a="$p" -v b="$v" 'BEGIN { printf "%.1fx", a / b }')
	else
		p="n/a"
		r="-"
	fi
	printf '%-22s %12s %14s %8s\n' "$f.yaml" "$v" "$p" "$r"
	"$vigie" validate "$work/$f.yaml" 2>&1 | sed 's/^/    vigie: /' | sed "s|$work/||"
done
[ $have_py -eq 1 ] || echo "(install python3-yaml for the PyYAML column)"
