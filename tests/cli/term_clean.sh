# What vigie says of a file it refuses reaches the terminal cleaned (vg_term_clean): a
# file name, or a field of a JSON file (\u001b in a string), holding an escape sequence
# (ESC[31m recolours, ESC]0;...BEL retitles the window) is shown escaped (\x1B[31m), on
# each way a refusal is printed: cli_warnx (report, sign, verify, collect, an unknown
# command), cli_usage_error (an unknown option), and the file:line:col lines of validate,
# score and check.
# Usage: sh term_clean.sh VIGIE SOURCE_DIR SCRATCH_DIR
. "$2/tests/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= VIGIE_LANG=
cd "$SCRATCH" || exit 1
ESC=$(printf '\033')
BEL=$(printf '\007')

# t_clean NAME: stdout and stderr of the last t_run hold no ESC and no BEL byte, and
# stderr shows the sequence escaped.
t_clean() {
	if cat "$SCRATCH/out" "$SCRATCH/err" | grep -q "[$ESC$BEL]"; then
		t_notok "$1: a raw control character reaches the terminal" \
			"$(od -c "$SCRATCH/err" | head -4)"
	else
		t_ok "$1: no raw ESC or BEL"
	fi
	t_grep "$1: the sequence is shown escaped" "$SCRATCH/err" '\x1B'
}

# A file name with an escape sequence, its content not YAML (a control character).
bad="evil${ESC}[31mred.yaml"
printf 'format: vigie-answers/1\nanswers:\n  "x%s[2Jy": oui\n' "$ESC" >"$bad"
t_run "validate of a file whose name holds ESC[31m" 1 "$VIGIE" validate "$bad"
t_clean "validate, file name"
t_grep "  the file is named" "$SCRATCH/err" 'evil\x1B[31mred.yaml:1:1:'
t_run "report of a file whose name holds ESC[31m" 1 "$VIGIE" report "$bad"
t_clean "report, file name"
t_grep "  the file is named" "$SCRATCH/err" 'vigie: evil\x1B[31mred.yaml'
t_run "score --answers of a file whose name holds ESC[31m" 1 "$VIGIE" score -q decouverte --answers "$bad"
t_clean "score --answers, file name"
t_run "check --profile of a file whose name holds ESC[31m" 2 "$VIGIE" check --profile "./$bad"
t_clean "check --profile, file name"

# Fields of JSON files: JSON's \u001b decodes to a real ESC, quoted in the refusal.
printf '{"format": "vigie-scorecard/1\\u001b[31m", "tool": "x"}\n' >card.json
t_run "report of a scorecard whose format holds \\u001b[31m" 1 "$VIGIE" report card.json
t_clean "report, format field"
t_grep "  the field is quoted" "$SCRATCH/err" "format 'vigie-scorecard/1\\x1B[31m'"
printf '{"format": "vigie-checks/1\\u001b]0;pwned\\u0007"}\n' >profile.json
t_run "validate of a file whose format holds ESC]0;...BEL" 1 "$VIGIE" validate profile.json
t_clean "validate, format field"
t_grep "  BEL escaped too" "$SCRATCH/err" '\x1B]0;pwned\x07'
t_run "check --profile of a file whose format holds ESC]0;...BEL" 2 "$VIGIE" check --profile ./profile.json
t_clean "check --profile, format field"
t_run "score --answers of a file whose format holds ESC]0;...BEL" 1 "$VIGIE" score -q decouverte \
	--answers profile.json
t_clean "score --answers, format field"

# The keys of sign, verify and collect: a key file's name, and a file a --trusted directory
# skips (not a public key), are quoted in their refusals.
mkdir trust
echo 'not a key' >"trust/evil${ESC}[31m.pub"
echo '{}' >plain.json
t_run "verify --trusted of a directory holding a non-key named with ESC[31m" 1 "$VIGIE" verify \
	--trusted trust plain.json
t_clean "verify --trusted, skipped file"
t_grep "  the skipped file is named" "$SCRATCH/err" 'vigie: ignoré : trust/evil\x1B[31m.pub'
t_run "collect --trusted of a directory holding a non-key named with ESC[31m" 1 "$VIGIE" collect \
	--trusted trust --db collect.db plain.json
t_clean "collect --trusted, skipped file"
t_grep "  the skipped file is named" "$SCRATCH/err" 'vigie: ignoré : trust/evil\x1B[31m.pub'
t_run "sign --key of a key file named with ESC[31m" 1 "$VIGIE" sign --key "k${ESC}[31m.key" plain.json
t_clean "sign --key, key file"
t_grep "  the key file is named" "$SCRATCH/err" 'vigie: k\x1B[31m.key'
t_run "verify --pubkey of a key file named with ESC[31m" 1 "$VIGIE" verify --pubkey "p${ESC}[31m.pub" \
	plain.json
t_clean "verify --pubkey, key file"
t_grep "  the key file is named" "$SCRATCH/err" 'vigie: p\x1B[31m.pub'
t_run "collect --pubkey of a key file named with ESC[31m" 1 "$VIGIE" collect --pubkey \
	"p${ESC}[31m.pub" --db collect.db plain.json
t_clean "collect --pubkey, key file"
t_grep "  the key file is named" "$SCRATCH/err" 'vigie: p\x1B[31m.pub'

# The command line (a name from a shell glob can hold anything).
t_run "an unknown command holding ESC[31m" 2 "$VIGIE" "cmd${ESC}[31m"
t_clean "unknown command"
t_run "an unknown option holding ESC[31m" 2 "$VIGIE" validate "--x${ESC}[31m"
t_clean "unknown option"
t_grep "  the usage hint follows" "$SCRATCH/err" "Essayez 'vigie validate --help'."
t_done
