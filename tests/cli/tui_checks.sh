#!/bin/sh
# The checks step in a real terminal (tmux, 80x24): communes on a fixture root with a
# world-writable shared file (--check-root); the checks screen lists the failure, the
# result lists the two answers it capped; the export says how to sign (no key).
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
SOCK="vigie-tui-checks-$$"
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
command -v tmux >/dev/null || { echo "tmux missing (scripts/packages/test-tui.txt)"; exit 1; }
. "$SRC/tests/cli/lib/tui.sh"
trap tui_cleanup EXIT

. "$SRC/tests/cli/lib/fixture_root.sh"
R=$TUI_TMP/root
fixture_root "$R" srv/share
echo "budget" >"$R/srv/share/budget.ods"
chmod 0666 "$R/srv/share/budget.ods" # planted: world-writable

tui_start -q communes --session "$SCRATCH/s.json" --check-root "$R"
tui_wait "Commencer l'évaluation"
tui_keys Enter
tui_wait "question 1 sur"
# The two questions the tree scan informs, answered at their best.
for qid in droits_serveur:fichiers.sensibles partages:dossiers.partagés; do
	text=$(echo "${qid#*:}" | tr . ' ')
	tui_keys /
	tui_type "comptes.${qid%%:*}"
	tui_keys Enter
	tui_wait "$text"
	tui_keys 4
	tui_wait_gone "$text"
done
tui_keys Escape
tui_wait "Vérifications automatiques"
# Context, 13 domains, then the checks row.
i=0
while [ $i -lt 14 ]; do
	tui_keys Down
	i=$((i + 1))
done
tui_keys Enter
tui_wait "vérifications des droits des fichiers)"
tui_golden checks-offer
tui_keys v
tui_wait "Leurs constats sont pris en compte"
tui_golden checks-done
tui_keys Enter
tui_wait "Note globale"
tui_keys NPage NPage NPage NPage NPage
tui_wait "Réponses plafonnées par les vérifications"
tui_golden result-capped
tui_keys e
tui_wait "scorecard.json ») et"
for qid in comptes.droits_serveur comptes.partages; do
	grep -A8 "\"$qid\": {" "$SCRATCH/vigie-communes-2026-12-05.scorecard.json" | grep -q '"capped_by": "arbo.droits"' ||
		fail "$qid not capped in the exported scorecard"
done
# The evidence of the export says when and where the check ran.
grep -B12 -A14 '"id": "arbo.droits"' "$SCRATCH/vigie-communes-2026-12-05.scorecard.json" >"$SCRATCH/ev.txt"
grep -q '"run_at": "2026-12-05T10:00:00Z"' "$SCRATCH/ev.txt" || fail "no run_at in the evidence"
grep -q "\"where\": \"$(realpath "$R")\"" "$SCRATCH/ev.txt" || fail "no where in the evidence"
grep -q '"fr": "fichiers modifiables par tous : 1 (/srv/share/budget.ods)' "$SCRATCH/ev.txt" ||
	fail "no rules' summary (detail) in the evidence"
tui_keys q
tui_wait "[exit 0]"
[ ! -s "$SCRATCH/stderr" ] || fail "stderr not empty: $(cat "$SCRATCH/stderr")"
# Quit and resume: the checks screen says the same, the rules' summary included, with the
# check's title and never its id.
tui_start -q communes --session "$SCRATCH/s.json" --check-root "$R"
tui_wait "Reprendre"
tui_keys Enter
tui_wait "Note globale"
tui_keys Escape
tui_wait "Vérifications automatiques"
i=0
while [ $i -lt 14 ]; do
	tui_keys Down
	i=$((i + 1))
done
tui_keys Enter
tui_wait "Leurs constats sont pris en compte"
tui_golden checks-done
tmx capture-pane -p -t t | grep -q "arbo\.droits" && fail "a check id is shown"
tui_keys q
tui_wait "[exit 0]"
echo "ok: checks step in the TUI"
