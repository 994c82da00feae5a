#!/bin/sh
# The commune's domain on the checks screen in a real terminal (tmux, 80x24), against the DNS
# fixtures of tests/dns/fixtures.sh (127.0.0.1 only, through --resolver and --trust-anchor):
# with a hosted mail service, the screen shows the domain guessed from the contact's
# address; `v` asks for it once, in the one-line field, pre-filled; Enter keeps it and the
# checks run; the DMARC p=none finding is listed in plain words and caps
# messagerie_web.spf_dkim_dmarc at 2 on the result; `d` edits it and a bad one is refused.
set -eu
VIGIE=$(realpath "$1") SRC=$(realpath "$2") SCRATCH=$3
SOCK="vigie-tui-dns-$$"
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
. "$SRC/tests/cli/lib/fixture_root.sh"
fixture_root "$SCRATCH/root"
PATH=$PATH:/usr/sbin
for tool in tmux jq nsd ldns-keygen ldns-signzone dig nginx openssl; do
	command -v $tool >/dev/null || { echo "$tool missing (scripts/packages/test-*.txt)"; exit 1; }
done
. "$SRC/tests/cli/lib/tui.sh"
DNSFX_SELF=$SRC/tests/dns/fixtures.sh
. "$DNSFX_SELF"
trap 'dnsfx_stop || true; tui_cleanup' EXIT
dnsfx_start "$SCRATCH/fx" >/dev/null || fail "cannot start the DNS fixtures"
. "$SCRATCH/fx/env"

# The context and the answer, given in plain mode; then the session resumes on the checks
# screen. The contact's address gives the domain to guess.
printf '%s\n' "Mairie de Test" "01999" "secretariat@dmarcnone.vigietest" "/ctx.messagerie" 2 \
	"/messagerie_web.spf_dkim_dmarc" 4 q |
	env HOME="$SCRATCH" XDG_STATE_HOME="$SCRATCH/state" LANG=C.UTF-8 LC_ALL= LANGUAGE= \
		VIGIE_LANG= "$VIGIE" --plain -q communes --session "$SCRATCH/s.json" >/dev/null 2>&1 ||
	fail "plain mode could not answer the context"
jq '.position.screen = "checks"' "$SCRATCH/s.json" >"$SCRATCH/s2.json"
mv "$SCRATCH/s2.json" "$SCRATCH/s.json"
chmod 600 "$SCRATCH/s.json"

TUI_ENV="VIGIE_TEST_MTA_STS_PORT=$STS_PORT VIGIE_TEST_SMTP_PORT=$SMTP_PORT"
tui_start -q communes --session "$SCRATCH/s.json" --check-root "$SCRATCH/root" \
	--resolver "$RESOLVER" --trust-anchor "$ANCHOR" --tls-ca "$CA"
tui_wait "Reprendre"
tui_keys Enter
tui_wait "Nom de domaine (d) : dmarcnone.vigietest ? (demandé avant les vérifications)"
tui_wait "m adresse du serveur de messagerie   d nom de domaine"
# d edits it: a bad one is refused with an example, and nothing is saved.
tui_keys d
tui_wait "Nom de domaine : dmarcnone.vigietest"
tui_type "http://x y"
tui_keys Enter
tui_wait "Nom de domaine refusé : donnez le nom seul"
[ "$(jq -r '.targets.domain // "none"' "$SCRATCH/s.json")" = none ] || fail "a bad domain was saved"
# Asked once, before the first run: the field opens pre-filled, Enter keeps it.
tui_keys v
tui_wait "Nom de domaine : dmarcnone.vigietest"
tui_wait "Tapez pour remplacer"
tui_keys Enter
tui_wait "Vérifications du 2026-12-05 10:00 UTC"
tui_wait "[non conforme] Protection contre l'usurpation d'adresse (SPF, DKIM,"
tui_wait "DMARC) (réponses plafonnées à 2) :"
tui_wait "dmarcnone.vigietest : La règle DMARC est en simple observation"
tui_wait "Nom de domaine (d) : dmarcnone.vigietest"
tmx capture-pane -p -t t >"$SCRATCH/done.txt"
grep -q "dmarc_none" "$SCRATCH/done.txt" && fail "a finding code on the screen"
grep -q "dns\.spf" "$SCRATCH/done.txt" && fail "a check id on the screen"
[ "$(jq -r .targets.domain "$SCRATCH/s.json")" = dmarcnone.vigietest ] || fail "domain not saved"
# The result: the answer capped by the domain check.
tui_keys Enter
tui_wait "Note globale"
i=0
until tmx capture-pane -p -t t | grep -qF "Réponses plafonnées par les vérifications"; do
	i=$((i + 1))
	[ $i -le 20 ] || fail "no capped answer on the result"
	tui_keys NPage
	sleep 0.1
done
tui_wait "déclarée 3, retenue 2 par la vérification : Protection contre"
tui_wait "        dmarcnone.vigietest : La règle DMARC est en simple observation"
tui_keys q
tui_wait "[exit 0]"
echo "ok: the commune's domain on the checks screen"
