# docs/coverage.md is what tools/coverage.c prints today: fails when the questionnaire or
# docs/anssi-hygiene-measures.yaml changed without regenerating it, and says how to.
# Runs as: sh coverage_fresh.sh VIGIE_BINARY SOURCE_DIR SCRATCH_DIR (the tool is built
# next to the vigie binary).
. "$2/tests/lib.sh"
TOOL=$(dirname "$VIGIE")/vigie-coverage
regen="$TOOL $SRC/questionnaires/communes.yaml $SRC/docs/anssi-hygiene-measures.yaml > $SRC/docs/coverage.md"

t_run "vigie-coverage runs on communes.yaml" 0 "$TOOL" "$SRC/questionnaires/communes.yaml" \
	"$SRC/docs/anssi-hygiene-measures.yaml"
if diff -u "$SRC/docs/coverage.md" "$SCRATCH/out" >"$SCRATCH/diff"; then
	t_ok "docs/coverage.md is up to date"
else
	t_notok "docs/coverage.md is stale; regenerate it with:" "$regen" \
		"$(head -n 40 "$SCRATCH/diff")"
fi

# The tool refuses a measures file that would make the document lie. The lists of
# MonAideCyber measures and ReCyF objectives are read next to the measures file.
cp "$SRC/docs/monaidecyber-measures.yaml" "$SRC/docs/recyf-objectives.yaml" "$SCRATCH/"
sed 's/^    - {number: 26, theme: 5, title: {fr: "\([^"]*\)", en: "\([^"]*\)"}}$/    - {number: 26, theme: 5, title: {fr: "\1", en: "\2"}, left_out: {fr: x, en: x}}/' \
	"$SRC/docs/anssi-hygiene-measures.yaml" >"$SCRATCH/leftout.yaml"
t_run "refuses a left_out reason on a covered measure" 1 "$TOOL" \
	"$SRC/questionnaires/communes.yaml" "$SCRATCH/leftout.yaml"
t_grep "  naming the measure" "$SCRATCH/err" "measure 26 has a left_out reason"
grep -v 'number: 26,' "$SRC/docs/anssi-hygiene-measures.yaml" >"$SCRATCH/short.yaml"
t_run "refuses a list without 42 measures" 1 "$TOOL" \
	"$SRC/questionnaires/communes.yaml" "$SCRATCH/short.yaml"
t_grep "  saying how many" "$SCRATCH/err" "exactly 42 entries, not 41"
sed 's/refs: \[anssi-hygiene:26\(,\|\]\)/refs: [anssi-hygiene:43\1/' "$SRC/questionnaires/communes.yaml" \
	>"$SCRATCH/q43.yaml"
t_run "refuses a ref to a measure the guide does not have" 1 "$TOOL" "$SCRATCH/q43.yaml" \
	"$SRC/docs/anssi-hygiene-measures.yaml"
t_grep "  naming the question" "$SCRATCH/err" "reseau.locaux_techniques cites anssi-hygiene:43"
sed '0,/monaidecyber:[a-z.-]*/s//monaidecyber:reaction.inexistante/' \
	"$SRC/questionnaires/communes.yaml" >"$SCRATCH/qmac.yaml"
t_run "refuses a MonAideCyber measure its list does not have" 1 "$TOOL" "$SCRATCH/qmac.yaml" \
	"$SRC/docs/anssi-hygiene-measures.yaml"
t_grep "  naming the ref and the list" "$SCRATCH/err" \
	"cites monaidecyber:reaction.inexistante, which is not one of the"
sed '0,/recyf:[0-9]*/s//recyf:21/' "$SRC/questionnaires/communes.yaml" >"$SCRATCH/qrecyf.yaml"
t_run "refuses a ReCyF objective past 20" 1 "$TOOL" "$SCRATCH/qrecyf.yaml" \
	"$SRC/docs/anssi-hygiene-measures.yaml"
t_grep "  naming the ref" "$SCRATCH/err" "cites recyf:21, which is not one of the 20 entries"
cp "$SRC/docs/anssi-hygiene-measures.yaml" "$SCRATCH/measures.yaml"
sed 's/^source: recyf$/source: monaidecyber/' "$SRC/docs/recyf-objectives.yaml" \
	>"$SCRATCH/recyf-objectives.yaml"
t_run "refuses two lists for one source" 1 "$TOOL" "$SRC/questionnaires/communes.yaml" \
	"$SCRATCH/measures.yaml"
t_grep "  saying which" "$SCRATCH/err" "source monaidecyber is also listed by"
t_run "a usage error without arguments" 2 "$TOOL"
t_run "--help" 0 "$TOOL" --help
t_grep "  shows the regeneration command" "$SCRATCH/out" "> docs/coverage.md"

t_done
