#!/bin/sh
# The file tree scan of the checks step in a real terminal (tmux, 80x24): while it runs the
# screen shows the entries scanned and the top directory, with "q pour interrompre"; q
# interrupts it, the answers are kept and the interrupted check is recorded as not run
# (skipped, no cap), in the session and in the exported scorecard; in plain mode q then
# Enter, or Ctrl-C, does the same. VIGIE_TEST_HOLD_SCAN
# keeps the scan on screen until it is interrupted, so nothing depends on timing.
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
SOCK="vigie-tui-scan-$$"
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
for tool in tmux jq; do
	command -v $tool >/dev/null || { echo "$tool missing (scripts/packages/test-tui.txt)"; exit 1; }
done
. "$SRC/tests/cli/lib/tui.sh"
trap tui_cleanup EXIT

# A small server whose shared folder is open to all (arbo.droits would cap at 0).
. "$SRC/tests/cli/lib/fixture_root.sh"
R=$TUI_TMP/root
fixture_root "$R" srv/partage
i=0
while [ $i -lt 300 ]; do
	echo x >"$R/srv/partage/f$i"
	i=$((i + 1))
done
chmod 0666 "$R/srv/partage/f7"

# The two questions the scan informs, answered at their best, in plain mode.
printf '%s\n' "Mairie de Test" "01999" "" "/comptes.droits_serveur" 4 "/comptes.partages" 4 q |
	env HOME="$SCRATCH" XDG_STATE_HOME="$SCRATCH/state" LANG=C.UTF-8 LC_ALL= LANGUAGE= \
		VIGIE_LANG= "$VIGIE" --plain -q communes --session "$SCRATCH/s.json" >/dev/null 2>&1 ||
	fail "plain mode could not answer"
jq '.position.screen = "checks"' "$SCRATCH/s.json" >"$SCRATCH/s2.json"
mv "$SCRATCH/s2.json" "$SCRATCH/s.json"
chmod 600 "$SCRATCH/s.json"

TUI_ENV="VIGIE_TEST_HOLD_SCAN=1" tui_start -q communes --session "$SCRATCH/s.json" \
	--check-root "$R"
tui_wait "Reprendre"
tui_keys Enter
tui_wait "(--check-root). vigie peut vérifier"
tui_keys v
tui_wait "sur 14 : Droits de l'arborescence"
tui_wait "entrées examinées"
tui_wait "Dossier en cours : /srv"
tui_wait "q pour interrompre"
tui_wait "q interrompre les vérifications"
tmx capture-pane -p -t t >"$SCRATCH/running.txt"
grep -q "arbo\.droits" "$SCRATCH/running.txt" && fail "the running check shown by its id"
tui_keys q
tui_wait "Vérifications interrompues"
tui_wait "[non faite] Droits de l'arborescence"
tui_wait "interrompue : non faite"
# Still running: q interrupted the checks, not vigie.
tmx capture-pane -p -t t | grep -q "exit" && fail "q during the scan ended vigie"
[ "$(jq -r '.checks.evidence[] | select(.id == "arbo.droits") | .status' "$SCRATCH/s.json")" = skipped ] ||
	fail "arbo.droits not recorded as not run: $(jq -c .checks "$SCRATCH/s.json")"
[ "$(jq -r '.answers["comptes.partages"].answer' "$SCRATCH/s.json")" != null ] ||
	fail "the answers were lost"
tui_keys Enter
tui_wait "Note globale"
tui_keys e
tui_wait "scorecard.json"
card=$SCRATCH/vigie-01999-2026-12-05.scorecard.json
got=$(jq -c '.answers["comptes.partages"] | [.declared, .retained, .capped_by]' "$card")
[ "$got" = '[3,3,null]' ] || fail "the interrupted scan capped comptes.partages: $got"
[ "$(jq -c '.evidence[] | select(.id == "arbo.droits") | [.status, .cap]' "$card")" = '["skipped",null]' ] ||
	fail "arbo.droits in the scorecard: $(jq -c .evidence "$card")"
tui_keys q
tui_wait "[exit 0]"

# Plain mode at a terminal: q then Enter, or Ctrl-C, interrupts the running check the same
# way: the answers are kept, the check is recorded as not run, vigie goes on to the result.
for how in q C-c; do
	rm -f "$SCRATCH/vigie-01999-2026-12-05.scorecard.json"
	TUI_ENV="VIGIE_TEST_HOLD_SCAN=1" tui_start --plain -q communes --session "$SCRATCH/s.json" \
		--check-root "$R"
	tui_wait "v relancer les vérifications"
	tui_type v
	tui_keys Enter
	tui_wait "q puis Entrée, ou Ctrl-C, pour les"
	tui_wait "] Droits de l'arborescence"
	if [ $how = q ]; then
		tui_type q
		tui_keys Enter
	else
		tui_keys C-c
	fi
	tui_wait "e exporter, u questions sans réponse"
	# The result follows at once: read the transcript, scrolled off the screen included.
	tmx capture-pane -p -S -2000 -t t >"$SCRATCH/plain-$how.txt"
	sed -n '/Vérifications en cours/,$p' "$SCRATCH/plain-$how.txt" >"$SCRATCH/plain-run.txt"
	grep -q "^Vérifications interrompues" "$SCRATCH/plain-run.txt" || fail "$how: not said interrupted"
	grep -q "^- \[non faite\] Droits de l'arborescence" "$SCRATCH/plain-run.txt" ||
		fail "$how: the check not listed as not run"
	grep -q "exit" "$SCRATCH/plain-run.txt" && fail "$how during the plain-mode scan ended vigie"
	[ "$(jq -r '.checks.evidence[] | select(.id == "arbo.droits") | .status' "$SCRATCH/s.json")" = skipped ] ||
		fail "$how: arbo.droits not recorded as not run: $(jq -c .checks "$SCRATCH/s.json")"
	[ "$(jq -r '.answers["comptes.partages"].answer' "$SCRATCH/s.json")" != null ] ||
		fail "$how: the answers were lost"
	tui_type e
	tui_keys Enter
	tui_wait "Exporté"
	[ "$(jq -c '.evidence[] | select(.id == "arbo.droits") | [.status, .cap]' "$SCRATCH/vigie-01999-2026-12-05.scorecard.json")" = '["skipped",null]' ] ||
		fail "$how: arbo.droits in the scorecard"
	tui_type q
	tui_keys Enter
	tui_wait "[exit 0]"
done
echo "ok: the scan shows its progress and q (TUI, plain) or Ctrl-C (plain) interrupts it"
