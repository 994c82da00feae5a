#!/bin/sh
# A whole assessment of the communes questionnaire as a secretary lives it (tmux, 80x24):
# every question answered, then the checks step asks what machine this is; "just my PC"
# declines the server checks (said plainly); the TLS of the website (the local nginx of
# tests/tls/fixtures.sh) and of the mail server (a TLS 1.0 fixture: findings gravest
# first, one per line) is checked; result, export, quit; resume: the same evidence, with
# its date, the same grade and the same exported evidence.
set -u
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
SOCK="vigie-tui-scenario-$$"
TLSFX_SELF=$SRC/tests/tls/fixtures.sh
. "$TLSFX_SELF"
tlsfx_test_setup "$SCRATCH" tmux jq
set -e
. "$SRC/tests/cli/lib/tui.sh"
trap 'tui_cleanup; tlsfx_stop' EXIT
fx() { awk -v n="$1" '$1 == n { print $2 }' "$FX"; }
S=$TUI_TMP/s.json
card=$SCRATCH/vigie-49297-2026-12-05.scorecard.json

TUI_ENV="" tui_start -q communes --session "$S" --tls-ca "$CA"
tui_wait "Commencer l'évaluation"
tui_keys Down Enter
tui_type "Mairie de Saint-Exemple"
tui_keys Enter Down Enter
tui_type "49297"
tui_keys Enter
tui_wait "49297"
tui_keys Home Enter
VIGIE_ANSWERS='{"messagerie_web.messagerie_tls": "renforce", "messagerie_web.site_https": "renforce"}' \
	python3 "$SRC/tests/cli/lib/tui_questions.py" "$SRC/questionnaires/communes.yaml" fr "$SOCK" ||
	fail "answering every question"

# The checks step asks first what machine this is.
tui_wait "Sur quelle machine vigie tourne-t-il ?"
tui_wait "1  Sur un serveur ou un NAS de la commune"
tui_wait "2  Sur un simple poste"
tmx capture-pane -p -t t | grep -q "Appuyez sur v" && fail "checks offered before the machine is known"
tui_keys 2
tui_wait "Cette machine : un simple poste (s pour changer). Les"
tui_wait "serveur ne sont pas faites."
tui_wait "Rien à vérifier pour l'instant"
[ "$(jq -r .machine "$S")" = pc ] || fail "machine not saved"
tui_keys w
tui_type "$(fx good)"
tui_keys Enter
tui_wait "Site web (w) : $(fx good)"
tui_keys m
tui_type "$(fx tls10)"
tui_keys Enter
tui_wait "Serveur de messagerie (m) : $(fx tls10)"
tui_keys v
# The commune's domain is asked once, before the first run (nothing to guess from these
# addresses): Enter with the field empty says there is none to look at.
tui_wait "Nom de domaine :"
tui_keys Enter
tui_wait "Vérifications du 2026-12-05 10:00 UTC."
tui_wait "[non conforme] Configuration TLS du serveur de messagerie (réponses"
tmx capture-pane -p -t t >"$SCRATCH/checks-before.txt"
# The TLS reasons: one per line, indented, each whole, the gravest (TLS 1.0) first.
first=$(grep -A2 "\[non conforme\] Configuration TLS du serveur de messagerie" "$SCRATCH/checks-before.txt" | sed -n 3p)
case "$first" in
"      $(fx tls10) : "*TLS\ 1.0*) ;;
*) fail "gravest TLS finding not first: '$first'" ;;
esac
grep -q " ; $(fx tls10)" "$SCRATCH/checks-before.txt" && fail "TLS reasons run together"
grep -q "Configuration TLS du site web" "$SCRATCH/checks-before.txt" && fail "the sound website listed as a problem"
# Titles, never the checks' ids.
grep -q "tls\.mail\|tls\.site" "$SCRATCH/checks-before.txt" && fail "a check id is shown"
grep -q "arbo.droits\|fichiers.shadow" "$SCRATCH/checks-before.txt" && fail "server checks ran on a PC"
tui_keys Enter
tui_wait "Note globale"
grade_before=$(tmx capture-pane -p -t t | grep "Note globale")
tui_keys e
tui_wait "vigie-49297-2026-12-05.scorecard.json"
cp "$card" "$SCRATCH/before.json"
[ "$(jq -c '.evidence[] | select(.id == "tls.mail") | [.status, .cap]' "$card")" = '["fail",1]' ] ||
	fail "tls.mail evidence: $(jq -c .evidence "$card")"
[ "$(jq -c '.evidence[] | select(.id == "tls.site") | .status' "$card")" = '"pass"' ] ||
	fail "tls.site evidence: $(jq -c .evidence "$card")"
[ "$(jq -r .host "$card")" = null ] || fail "a host in the scorecard though no server check ran"
[ "$(jq -r '.checks.run_at' "$S")" = 2026-12-05T10:00:00Z ] || fail "evidence not in the session"
tui_keys q
tui_wait "[exit 0]"

# Resume: the result, then the checks screen, show the same thing.
tui_start -q communes --session "$S" --tls-ca "$CA"
tui_wait "Reprendre"
tui_keys Enter
tui_wait "Note globale"
grade_after=$(tmx capture-pane -p -t t | grep "Note globale")
[ "$grade_before" = "$grade_after" ] || fail "grade changed on resume: '$grade_before' -> '$grade_after'"
# Page down until the capped answers show (the result is long).
n=0
until tmx capture-pane -p -t t | grep -q "Réponses plafonnées par les vérifications"; do
	n=$((n + 1))
	[ $n -le 400 ] || fail "no capped answers in the result after the resume"
	[ $((n % 20)) = 1 ] && tui_keys NPage
	sleep 0.02
done
tui_keys Escape
tui_wait "Vérifications automatiques"
i=0
while [ $i -lt 14 ]; do
	tui_keys Down
	i=$((i + 1))
done
tui_keys Enter
tui_wait "[non conforme] Configuration TLS du serveur de messagerie (réponses"
tmx capture-pane -p -t t >"$SCRATCH/checks-after.txt"
diff -u "$SCRATCH/checks-before.txt" "$SCRATCH/checks-after.txt" || fail "checks screen changed on resume"
tui_keys Enter
tui_wait "Note globale"
tui_keys e
tui_wait "vigie-49297-2026-12-05.scorecard.json"
tui_wait "Exporté"
for k in .evidence .grade .scores .answers; do
	[ "$(jq -cS "$k" "$SCRATCH/before.json")" = "$(jq -cS "$k" "$card")" ] ||
		fail "$k differs in the export after the resume"
done
tui_keys q
tui_wait "[exit 0]"
echo "ok: a whole assessment, server checks declined, TLS checked, kept on resume"
