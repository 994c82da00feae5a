#!/bin/sh
# vigie score --check: the checks that inform the questionnaire run on a fixture root
# (--root) and cap the answers they inform, in the text output and in the scorecard
# (--out, --json) with their evidence; a custom --profile; a root that cannot be opened;
# a profile none of whose checks informs the questionnaire.
# Usage: sh score_checks.sh VIGIE SOURCE_DIR SCRATCH_DIR
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
cd "$SCRATCH"
command -v jq >/dev/null || { echo "jq missing (scripts/packages/test-wire.txt)"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
run() { env LANG=C.UTF-8 LC_ALL= LANGUAGE= VIGIE_LANG= SOURCE_DATE_EPOCH=1764390000 "$VIGIE" "$@"; }

. "$SRC/tests/cli/lib/fixture_root.sh"
R=$SCRATCH/root
fixture_root "$R" srv/share
echo "budget" >"$R/srv/share/budget.ods"
chmod 0666 "$R/srv/share/budget.ods" # planted: world-writable
cat >answers.yaml <<'EOY'
format: vigie-answers/1
questionnaire: communes
organisation:
  name: "Mairie de Test"
answers:
  comptes.droits_serveur: verifie
  comptes.partages: revu
EOY

# 1. Without --check: declared values retained, no evidence.
run score -q communes --answers answers.yaml --json >plain.json || fail "score exit $?"
[ "$(jq '.evidence | length' plain.json)" = 0 ] || fail "evidence without --check"
[ "$(jq '.answers["comptes.partages"].retained' plain.json)" = 3 ] || fail "retained without --check"

# 2. --root (implies --check): both answers capped at 0 by arbo.droits, in --out and --json.
run score -q communes --answers answers.yaml --root "$R" --out card.json >out.txt 2>err.txt ||
	fail "score --root exit $?: $(cat err.txt)"
[ ! -s err.txt ] || fail "stderr: $(cat err.txt)"
for qid in comptes.droits_serveur comptes.partages; do
	got=$(jq -c --arg q $qid '.answers[$q] | [.declared, .retained, .capped_by]' card.json)
	[ "$got" = '[3,0,"arbo.droits"]' ] || fail "$qid: $got"
done
[ "$(jq -c '.evidence[] | select(.id == "arbo.droits") | [.status, .cap, .informs]' card.json)" = \
	'["fail",0,["comptes.droits_serveur","comptes.partages"]]' ] || fail "arbo.droits evidence"
# Each evidence entry says when it was made (the scorecard's time), where (the directory
# audited, absolute) and, for the failure, what was found per rule.
[ "$(jq -r '[.evidence[].run_at] | unique | join(" ")' card.json)" = "$(jq -r .generated_at card.json)" ] ||
	fail "evidence run_at: $(jq -c '[.evidence[].run_at] | unique' card.json)"
[ "$(jq -r '[.evidence[].where] | unique | join(" ")' card.json)" = "$(realpath "$R")" ] ||
	fail "evidence where: $(jq -c '[.evidence[].where] | unique' card.json)"
jq -r '.evidence[] | select(.id == "arbo.droits") | .detail.fr' card.json |
	grep -q "^fichiers modifiables par tous : 1 " || fail "evidence detail: $(jq -c '.evidence[] | select(.id == "arbo.droits") | .detail' card.json)"
[ "$(jq -r .format card.json)" = vigie-scorecard/1.1 ] || fail "format: $(jq -r .format card.json)"
run score -q communes --answers answers.yaml --check --root "$R" --json >card2.json || fail "--json"
cmp -s card.json card2.json || fail "--json and --out differ"
run score -q communes --answers answers.yaml --check --root "$R" >text.txt || fail "text exit $?"
grep -q "^Plafonnées par les vérifications" text.txt || fail "text: no capped section"
# The check by its title, never its id.
grep -q "^  \[comptes.partages\] 3 -> 0 : Droits de l'arborescence : .*dossiers personnels$" text.txt || fail "text: $(cat text.txt)"
! grep -q "arbo\.droits" text.txt || fail "check id in the text: $(grep arbo.droits text.txt)"
run --lang en score -q communes --answers answers.yaml --check --root "$R" >en.txt ||
	fail "English exit $?"
grep -q "^Capped by checks" en.txt || fail "English: $(cat en.txt)"
grep -q "^  \[comptes.partages\] 3 -> 0: Tree permissions: .*home directories$" en.txt || fail "English: $(cat en.txt)"

# 3. A profile of our own: only its check runs.
cat >p.yaml <<'EOY'
format: vigie-checks/1
id: partages
version: 1.0.0
title: {fr: Partages, en: Shares}
checks:
  - id: partages.ecriture
    kind: tree_scan
    params: {paths: [/srv], rules: [world_writable_file]}
    severity: medium
    title: {fr: "Partages modifiables par tous", en: "World-writable shares"}
    remediation: {fr: "chmod o-w", en: "chmod o-w"}
    informs: [comptes.partages]
EOY
run score -q communes --answers answers.yaml --profile p.yaml --root "$R" --json >p.json ||
	fail "--profile exit $?"
[ "$(jq -c '[.evidence[].id]' p.json)" = '["partages.ecriture"]' ] || fail "profile evidence"
[ "$(jq -c '.answers["comptes.partages"] | [.retained, .capped_by]' p.json)" = '[1,"partages.ecriture"]' ] ||
	fail "medium severity caps at 1"
[ "$(jq '.answers["comptes.droits_serveur"].retained' p.json)" = 3 ] || fail "uninformed answer capped"

# 4. A root that cannot be opened: exit 1, a message, no scorecard.
if run score -q communes --answers answers.yaml --root "$SCRATCH/absent" --out bad.json 2>bad.err; then
	fail "absent root accepted"
fi
grep -q "absent" bad.err || fail "absent root: $(cat bad.err)"
[ ! -e bad.json ] || fail "scorecard written for an absent root"

# 5. No check informs the questionnaire: a warning, scored as without --check.
printf 'format: vigie-answers/1\nquestionnaire: decouverte\nanswers: {}\n' >dec.yaml
run score -q decouverte --answers dec.yaml --root "$R" --json >dec.json 2>dec.err || fail "decouverte exit $?"
grep -q "aucune vérification du profil linux-server ne renseigne une question du questionnaire decouverte" dec.err ||
	fail "no warning: $(cat dec.err)"
[ "$(jq '.evidence | length' dec.json)" = 0 ] || fail "decouverte evidence"

# 6. Usage.
rc=0
run score --answers answers.yaml --root >/dev/null 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "--root without a value: exit $rc"
echo "ok: vigie score --check"
