#!/bin/sh
# A whole assessment of the decouverte questionnaire in a real terminal (tmux, 80x24):
# organisation, answers, a note with accents, help, back, unknown, N/A, Ctrl-C midway and
# resume on the same question, kill -9 midway and resume, resize, finish and export.
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
SOCK="vigie-tui-assess-$$"
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
command -v tmux >/dev/null || { echo "tmux missing (scripts/packages/test-tui.txt)"; exit 1; }
. "$SRC/tests/cli/lib/tui.sh"
trap tui_cleanup EXIT
S="$TUI_TMP/session.json"

# Welcome, organisation.
tui_start -q decouverte --session "$S"
tui_wait "Commencer l'évaluation"
tui_golden welcome
tui_keys Down Enter
tui_wait "Échap annuler"
tui_type "Mairie de Saint-Été"
tui_keys Enter Down Enter
tui_type "2A004"
tui_keys Enter
tui_wait "2A004"
tui_keys Home Enter

# Context, then a question with help and a note with accents.
tui_wait "Contexte — question 1 sur 1"
tui_golden question-context
tui_keys 1
tui_wait "Sauvegardes — question 1 sur 2"
tui_keys '?'
tui_wait "Un rançongiciel chiffre tout"
tui_golden question-help
tui_keys Escape
tui_wait_gone "Un rançongiciel chiffre tout"
tui_wait "Sauvegardes — question 1 sur 2"
tui_keys n
tui_wait "Note — Garder une copie des sauvegardes déconnectée"
tui_type "Disque à l'accueil, géré par Émilie"
tui_keys Enter
tui_type "deuxième ligne : « hors ligne » le vendredi"
tui_keys Escape
tui_wait "Note enregistrée."
tui_golden question-note
tui_keys 3
tui_wait "Sauvegardes — question 2 sur 2"
# Unknown, then back to check it is marked, then forward.
tui_keys 4
tui_wait "Comptes et accès — question 1 sur 3"
tui_keys Left
tui_wait "Sauvegardes — question 2 sur 2"
tui_golden question-back
tui_keys Right
tui_wait "Comptes et accès — question 1 sur 3"
# Not applicable needs a note.
tui_keys 5
tui_wait "Non applicable : pourquoi ?"
tui_keys Escape
tui_wait "demande une note : réponse non enregistrée"
tui_keys 5
tui_wait "Non applicable : pourquoi ?"
tui_type "Un seul agent à la mairie"
tui_keys Escape
tui_wait "Comptes et accès — question 2 sur 3"

# Ctrl-C midway: answers are on disk, the terminal is given back.
tui_keys C-c
tui_wait "[exit 130]"
tui_wait "vigie : interrompu."
grep -q '"ctx.serveur"' "$S" || fail "context answer not saved"
grep -q '"answer": "nsp"' "$S" || fail "unknown answer not saved"
grep -q 'Émilie\\nsecond\|Émilie\\ndeuxième ligne : « hors ligne » le vendredi' "$S" ||
	fail "note with accents not saved: $(cat "$S")"
grep -q '"answer": "na"' "$S" || fail "N/A not saved"
grep -q '"insee": "2A004"' "$S" || fail "INSEE not saved"
[ "$(stat -c %a "$S")" = 600 ] || fail "session file mode is $(stat -c %a "$S")"

# Resume on the same question, with every answer kept.
tui_start -q decouverte --session "$S"
tui_wait "Reprendre (Comptes et accès, question 2 sur 3)"
tui_golden welcome-resume
tui_keys Enter
tui_wait "Comptes et accès — question 2 sur 3"
tui_keys Left
tui_wait "Un seul agent à la mairie"
tui_keys Right
tui_wait "Comptes et accès — question 2 sur 3"
tui_keys 2
tui_wait "Comptes et accès — question 3 sur 3"

# kill -9 midway: nothing lost either.
pid=$(tui_pid)
[ -n "$pid" ] || fail "no vigie process"
kill -9 "$pid"
tui_wait "[exit 137]"
tui_start -q decouverte --session "$S"
tui_wait "Reprendre (Comptes et accès, question 3 sur 3)"
tui_keys Enter
tui_wait "Comptes et accès — question 3 sur 3"
tui_keys Left
tui_wait "Comptes et accès — question 2 sur 3"
tui_keys Right
tui_wait "Comptes et accès — question 3 sur 3"

# Domains list, search, then the last questions.
tui_keys Escape
tui_wait "Vérifications automatiques"
tui_golden domains
tui_keys /
tui_wait "Chercher :"
tui_type "windows"
tui_keys Enter
tui_wait "Mises à jour — question 1 sur 2"
tui_keys 2
tui_wait "Mises à jour — question 2 sur 2"
tui_keys u
tui_wait "Comptes et accès — question 3 sur 3"
tui_keys 3
tui_wait "Mises à jour — question 1 sur 2"
tui_keys u
tui_wait "Mises à jour — question 2 sur 2"
tui_keys 2

# Checks (none informs decouverte's questions), result, export (no key: not signed).
tui_wait "Aucune vérification automatique"
tui_golden checks
tui_keys Enter
tui_wait "Note globale"
tui_golden result
tui_keys e
tui_wait "Exporté : ./vigie-2A004-2026-12-05.scorecard.json (non signé : pas de clé"
tui_wait "./vigie-2A004-2026-12-05.scorecard.json ») et"
tui_golden export-unsigned
[ -f "$SCRATCH/vigie-reponses-2A004-2026-12-05.yaml" ] || fail "no answers file exported"
grep -q '"format": "vigie-scorecard/1.1"' "$SCRATCH/vigie-2A004-2026-12-05.scorecard.json" ||
	fail "no scorecard exported"
grep -q 'Émilie' "$SCRATCH/vigie-2A004-2026-12-05.scorecard.json" || fail "note missing from scorecard"
"$VIGIE" score -q decouverte --answers "$SCRATCH/vigie-reponses-2A004-2026-12-05.yaml" >"$SCRATCH/score.txt" ||
	fail "exported answers do not score: $(cat "$SCRATCH/score.txt")"
grep -q "Mairie de Saint-Été" "$SCRATCH/score.txt" || fail "organisation missing from export"

# Resize: larger redraws, smaller asks to enlarge, back to 80x24.
tmx resize-window -t t -x 100 -y 30
tui_wait "Note globale"
tui_golden result-100x30
tmx resize-window -t t -x 60 -y 20
tui_wait "Agrandissez la fenêtre"
tui_golden too-small
tmx resize-window -t t -x 80 -y 24
tui_wait "Note globale"
tui_keys q
tui_wait "[exit 0]"
[ ! -s "$SCRATCH/stderr" ] || fail "stderr not empty: $(cat "$SCRATCH/stderr")"
echo "ok: whole assessment in the TUI"
