#!/bin/sh
# The TUI speaks French and English (gettext catalogues built into the build tree, chosen
# by vigie's own language setting under C.UTF-8), falls back to ASCII in a non-UTF-8
# locale, and runs without colours under NO_COLOR.
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
SOCK="vigie-tui-lang-$$"
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
command -v tmux >/dev/null || { echo "tmux missing (scripts/packages/test-tui.txt)"; exit 1; }
. "$SRC/tests/cli/lib/tui.sh"
trap tui_cleanup EXIT

# English by --lang: UI strings from the en catalogue, content from the YAML.
tui_start -q decouverte --session "$TUI_TMP/en.json" --lang en
tui_wait "Start the assessment"
tui_wait "Discovery — the town hall's cybersecurity"
tui_golden welcome-en
tui_keys Enter
tui_wait "Context — question 1 of 1"
tui_keys 1 '?'
tui_wait "Help — why, how to check"
tui_wait "Ransomware encrypts everything"
tui_keys q
tui_wait "[exit 0]"
tui_wait "Answers saved in"

# The session remembers English; the welcome screen switches back to French.
tui_start -q decouverte --session "$TUI_TMP/en.json"
tui_wait "Resume (Backups, question 1 of 2)"
tui_keys Down Down Down Down Enter
tui_wait "Reprendre (Sauvegardes, question 1 sur 2)"
tui_wait "Langue          : Français"
tui_keys q
tui_wait "[exit 0]"
grep -q '"lang": "fr"' "$TUI_TMP/en.json" || fail "language choice not saved"

# A non-UTF-8 locale: ASCII only, still French.
TUI_LANG=C TUI_ENV="NO_COLOR=1" tui_start -q decouverte --session "$TUI_TMP/ascii.json"
tui_wait "Commencer l'evaluation"
tui_golden welcome-ascii
tui_keys Enter 1 1
tui_wait "Sauvegardes - question 2 sur 2"
tui_keys Escape
tui_wait "Contexte"
tui_golden domains-ascii
tui_keys q
tui_wait "[exit 0]"
if LC_ALL=C grep -q '[^ -~]' "$GOLDEN/welcome-ascii.txt" "$GOLDEN/domains-ascii.txt"; then
	fail "non-ASCII bytes on an ASCII screen"
fi
# An unknown terminal: a clear refusal and exit 1, not a silent exit from initscr.
TUI_ENV="TERM=nosuchterm" tui_start -q decouverte --session "$SCRATCH/term.json"
tui_wait "[exit 1]"
grep -q "impossible de lancer l'écran complet (TERM=nosuchterm inconnu ?) ; essayez --plain" \
	"$SCRATCH/stderr" || fail "unclear message for an unknown terminal: $(cat "$SCRATCH/stderr")"
TUI_ENV="TERM=nosuchterm" tui_start --lang en -q decouverte --session "$SCRATCH/term.json"
tui_wait "[exit 1]"
grep -q "cannot start the terminal UI (TERM=nosuchterm unknown?); try --plain" "$SCRATCH/stderr" ||
	fail "unclear English message for an unknown terminal: $(cat "$SCRATCH/stderr")"
echo "ok: French, English, ASCII and no colour"
