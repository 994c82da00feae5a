#!/bin/sh
# The TUI never cuts a text silently (tmux): every option of every question of the
# communes questionnaire is on screen whole (joined across its wrapped lines), in French
# at 80x24 and 100x30 and in English at 80x24; a session path too long for the welcome
# screen starts with "…" and keeps its end.
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
SOCK="vigie-tui-wrap-$$"
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
for tool in tmux python3; do
	command -v $tool >/dev/null || { echo "$tool missing (scripts/packages/test-tui.txt)"; exit 1; }
done
python3 -c 'import yaml' 2>/dev/null || { echo "python3-yaml missing (scripts/packages/test-tui.txt)"; exit 1; }
. "$SRC/tests/cli/lib/tui.sh"
trap tui_cleanup EXIT

# A path longer than the screen: "Session : …" then the end of the path.
long="$SCRATCH/$(printf 'a-rather-long-directory-name-%s' 1 2 3 4)"
mkdir -p "$long"
tui_start -q decouverte --session "$long/session-longue.json"
tui_wait "Commencer l'évaluation"
line=$(tmx capture-pane -p -t t | grep "Session :")
case "$line" in
"  Session : …"*"-name-4/session-longue.json") ;;
*) fail "long session path not shown as …END: '$line'" ;;
esac
tmx capture-pane -p -t t | grep -q "$SCRATCH" && fail "the start of the long path is shown"

# Walks every question; tui_questions.py checks each screen and answers it.
walk() {
	TUI_COLS=$1 TUI_ROWS=$2 tui_start -q communes --lang "$3" --session "$TUI_TMP/$3-$1.json"
	tui_wait "$4"
	tui_keys Enter
	python3 "$SRC/tests/cli/lib/tui_questions.py" "$SRC/questionnaires/communes.yaml" "$3" \
		"$SOCK" || fail "walk at $1x$2 ($3)"
}
walk 80 24 fr "Commencer l'évaluation"
walk 100 30 fr "Commencer l'évaluation"
walk 80 24 en "Start the assessment"
echo "ok: every option of every question whole on screen at 80x24 and 100x30"
