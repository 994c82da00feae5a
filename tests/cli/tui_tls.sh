#!/bin/sh
# The website address on the checks screen in a real terminal (tmux, 80x24): with
# ctx.site_web answered, the screen shows the address field and `w` edits it; a bad
# address is refused with its reason; typing replaces the value shown, and the usual
# line-editing keys work; a good one is saved in the session file and probed
# when the checks run (a closed port of 127.0.0.1: an error, listed by its title).
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
SOCK="vigie-tui-tls-$$"
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH/root"
for tool in tmux jq; do
	command -v $tool >/dev/null || { echo "$tool missing (scripts/packages/test-tui.txt)"; exit 1; }
done
. "$SRC/tests/cli/lib/tui.sh"
trap tui_cleanup EXIT

# The context answer, given in plain mode; then the session resumes on the checks screen.
printf '%s\n' "Mairie de Test" "01999" "" "/ctx.site_web" 2 q |
	env HOME="$SCRATCH" XDG_STATE_HOME="$SCRATCH/state" LANG=C.UTF-8 LC_ALL= LANGUAGE= \
		VIGIE_LANG= "$VIGIE" --plain -q communes --session "$SCRATCH/s.json" >/dev/null 2>&1 ||
	fail "plain mode could not answer ctx.site_web"
jq '.position.screen = "checks"' "$SCRATCH/s.json" >"$SCRATCH/s2.json"
mv "$SCRATCH/s2.json" "$SCRATCH/s.json"
chmod 600 "$SCRATCH/s.json"

tui_start -q communes --session "$SCRATCH/s.json" --check-root "$SCRATCH/root"
tui_wait "Reprendre"
tui_keys Enter
tui_wait "Site web (w) : non renseigné"
tui_wait "w adresse du site web"
tui_keys w
tui_wait "Entrée valider   Échap annuler"
tui_type "http://a b"
tui_keys Enter
tui_wait "Adresse refusée"
tui_keys w
tui_type "127.0.0.1:1"
tui_keys Enter
tui_wait "Site web (w) : 127.0.0.1:1"
[ "$(jq -r .targets.site "$SCRATCH/s.json")" = "127.0.0.1:1" ] || fail "address not saved"
# Line editing, as in a web form: typing replaces the pre-filled value; End keeps it,
# Ctrl-U clears it, Ctrl-A goes to the start, Ctrl-W deletes the word before the cursor.
tui_keys w
tui_wait "Tapez pour remplacer"
tui_type "127.0.0.1:2"
tui_keys Enter
tui_wait "Site web (w) : 127.0.0.1:2"
tui_keys w End C-u
tui_type "localhost:3"
tui_keys Enter
tui_wait "Site web (w) : localhost:3"
tui_keys w C-a
tui_type "www."
tui_keys Enter
tui_wait "Site web (w) : www.localhost:3"
tui_keys w End
tui_type " de trop"
tui_keys C-w C-w BSpace Enter
tui_wait "Site web (w) : www.localhost:3"
tui_keys w End C-u
tui_type "127.0.0.1:1"
tui_keys Enter
tui_wait "Site web (w) : 127.0.0.1:1"
tui_keys v
# The commune's domain is asked once, before the first run (nothing to guess from these
# addresses): Enter with the field empty says there is none to look at.
tui_wait "Nom de domaine :"
tui_keys Enter
tui_wait "[erreur] Configuration TLS du site web :"
tmx capture-pane -p -t t | grep -q "tls\.site" && fail "a check id is shown"
tui_wait "    127.0.0.1:1 : "
tui_keys q
tui_wait "[exit 0]"
echo "ok: the website address on the checks screen"
