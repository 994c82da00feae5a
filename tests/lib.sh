# Shared helpers for tests/cli/*.sh: sourced, not run. Usage in a test:
#   . "$2/tests/lib.sh"   (after: VIGIE=$1 SRC=$2 SCRATCH=$3)
# Each check prints "ok - what" or "not ok - what"; t_done prints "N passed, M failed"
# and exits non-zero when anything failed.
t_pass=0
t_fail=0
VIGIE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
SCRATCH=$3
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"

t_ok() {
	t_pass=$((t_pass + 1))
	echo "ok - $1"
}

t_notok() {
	t_fail=$((t_fail + 1))
	echo "not ok - $1"
	shift
	for line in "$@"; do echo "    $line"; done
}

# t_run NAME EXPECTED_EXIT CMD...: runs CMD, stdout to $SCRATCH/out, stderr to $SCRATCH/err.
t_run() {
	name=$1
	want=$2
	shift 2
	"$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		t_ok "$name (exit $got)"
	else
		t_notok "$name: exit $got, expected $want" "stdout: $(head -c 600 "$SCRATCH/out")" \
			"stderr: $(head -c 600 "$SCRATCH/err")"
	fi
}

# t_grep NAME FILE FIXED-STRING: FILE contains the string.
t_grep() {
	if grep -qF -- "$3" "$2"; then
		t_ok "$1"
	else
		t_notok "$1: '$3' not in $(basename "$2")" "$(head -c 600 "$2")"
	fi
}

# t_empty NAME FILE: FILE is empty.
t_empty() {
	if [ ! -s "$2" ]; then
		t_ok "$1"
	else
		t_notok "$1: not empty" "$(head -c 300 "$2")"
	fi
}

t_done() {
	echo "$t_pass passed, $t_fail failed"
	[ "$t_fail" -eq 0 ]
}
