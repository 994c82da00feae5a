#!/bin/sh
# SIGHUP (a closed SSH session) and SIGTERM end the TUI cleanly with every answer, note
# and review mark kept; F1 shows the help; the next run resumes on the same question.
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
SOCK="vigie-tui-signals-$$"
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
command -v tmux >/dev/null || { echo "tmux missing (scripts/packages/test-tui.txt)"; exit 1; }
. "$SRC/tests/cli/lib/tui.sh"
trap tui_cleanup EXIT
S="$SCRATCH/session.json"

# Without --session: the default path under XDG_STATE_HOME, private directories.
tui_start -q decouverte
tui_wait "Commencer l'évaluation"
tui_keys Enter 2
tui_wait "Sauvegardes — question 1 sur 2"
tui_keys r
tui_wait "[à revoir]"
tui_keys F1
tui_wait "Un rançongiciel chiffre tout"
kill -HUP "$(tui_pid)"
tui_wait "[exit 129]"
S="$SCRATCH/state/vigie/session-decouverte.json"
[ -f "$S" ] || fail "no session at the default path"
[ "$(stat -c %a "$SCRATCH/state/vigie")" = 700 ] || fail "session directory not 0700"
grep -q '"review": true' "$S" || fail "review mark lost"
grep -q '"question": "sauvegardes.hors_ligne"' "$S" || fail "position lost"

tui_start -q decouverte
tui_wait "Reprendre (Sauvegardes, question 1 sur 2)"
tui_keys Enter
tui_wait "[à revoir]"
# Mises à jour du serveur no longer applies (no server): the domain has one question.
tui_keys Escape
tui_wait "Mises à jour                          ░░░░░░░░░░░░░░░░░░░░  0/1"
tui_keys Down Enter n
tui_wait "Note — Garder une copie des sauvegardes déconnectée"
tui_type "Note tapée quand la session SSH s'est fermée"
tui_wait "Note tapée quand"
kill -HUP "$(tui_pid)"
tui_wait "[exit 129]"
grep -q "Note tapée quand la session SSH s'est fermée" "$S" || fail "note being typed lost"
tui_start -q decouverte
tui_wait "Reprendre (Sauvegardes, question 1 sur 2)"
tui_keys Enter Escape
tui_wait "Mises à jour"
kill -TERM "$(tui_pid)"
tui_wait "[exit 143]"
grep -q '"screen": "domains"' "$S" || fail "screen not saved"
[ ! -s "$SCRATCH/stderr" ] || fail "stderr not empty: $(cat "$SCRATCH/stderr")"
echo "ok: SIGHUP and SIGTERM keep everything"
