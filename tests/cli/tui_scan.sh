#!/bin/sh
# The file tree scan of the checks step in a real terminal (tmux, 80x24): while it runs the
# screen shows the entries scanned and the top directory, with "q pour interrompre"; q
# interrupts it, the answers are kept and the interrupted check is recorded as not run
# (skipped, no cap), in the session and in the exported scorecard. VIGIE_TEST_HOLD_SCAN
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
tui_wait ": arbo.droits"
tui_wait "entrées examinées"
tui_wait "Dossier en cours : /srv"
tui_wait "q pour interrompre"
tui_wait "q interrompre les vérifications"
tmx capture-pane -p -t t >"$SCRATCH/running.txt"
tui_keys q
tui_wait "Vérifications interrompues"
tui_wait "[non faite] arbo.droits :"
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
echo "ok: the scan shows its progress and q interrupts it"
