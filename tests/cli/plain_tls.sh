#!/bin/sh
# TLS targets in the checks step of the plain-mode assessment, against the fixture servers
# of tests/tls/fixtures.sh (127.0.0.1 only): with ctx.site_web answered, the checks step
# asks for the website's address; a bad address is refused with a clear message; an
# expired certificate caps messagerie_web.site_https at 0 in the exported scorecard (tls.site
# evidence); the good nginx configuration (trusted with --tls-ca) caps nothing; the address
# is kept in the session file; the mail server's address (host:port or smtp://) caps
# messagerie_web.messagerie_tls. Usage: sh plain_tls.sh VIGIE SOURCE_DIR SCRATCH_DIR
set -u
VIGIE=$(realpath "$1") SRC=$2 SCRATCH=$3
fail() {
	echo "FAIL: $*"
	exit 1
}
TLSFX_SELF=$SRC/tests/tls/fixtures.sh
. "$TLSFX_SELF"
tlsfx_test_setup "$SCRATCH" jq
cd "$SCRATCH" || exit 1
run() {
	env HOME="$SCRATCH" XDG_STATE_HOME="$SCRATCH/state" XDG_CONFIG_HOME="$SCRATCH/config" \
		LANG=C.UTF-8 LC_ALL= LANGUAGE= VIGIE_LANG= \
		SOURCE_DATE_EPOCH=1796464800 "$VIGIE" "$@"
}
# One assessment of communes: the website hosted by a provider, site_https answered at
# its best (with MAIL set, a hosted mail service too, messagerie_tls at its best), the
# checks step given the address lines (website, then mail), the checks run, export, quit. No --check-root: an empty root, so only TLS informs.
assess() { # DIR SITE-LINES...
	d=$1
	shift
	mkdir -p "$SCRATCH/$d/root"
	{
		printf '%s\n' "Mairie de Test" "01999" "" "/ctx.site_web" 2 \
			"/messagerie_web.site_https" 4 ${MAIL:+"/ctx.messagerie" 2 \
			"/messagerie_web.messagerie_tls" 4} f
		printf '%s\n' "$@"
		# The commune's domain (asked once, nothing guessed from localhost): none.
		printf '%s\n' "" v e q
	} | (cd "$SCRATCH/$d" && run --plain -q communes --session "$SCRATCH/$d/s.json" \
		--check-root "$SCRATCH/$d/root" --tls-ca "$CA") \
		>"$SCRATCH/$d.out" 2>"$SCRATCH/$d.err" || fail "$d: exit $?: $(cat "$SCRATCH/$d.err")"
	[ ! -s "$SCRATCH/$d.err" ] || fail "$d: stderr: $(cat "$SCRATCH/$d.err")"
}
card() { echo "$SCRATCH/$1/vigie-01999-2026-12-05.scorecard.json"; }

# 1. An expired certificate: tls.site fails, site_https is capped at 0, and the result
# says why. A bad address first is refused and asked again.
assess expired "http://x y" "$(fx expired)"
grep -q "Adresse du site web, pour vérifier sa configuration TLS" "$SCRATCH/expired.out" ||
	fail "the website's address was not asked for"
grep -q "^!! Adresse refusée" "$SCRATCH/expired.out" || fail "a bad address was not refused"
grep -q "\[non conforme\] Configuration TLS du site web" "$SCRATCH/expired.out" ||
	fail "tls.site not listed by its title: $(grep -A3 Vérifications "$SCRATCH/expired.out")"
grep -q "tls\.site\|tls\.mail" "$SCRATCH/expired.out" && fail "a check id is shown"
got=$(jq -c '.answers["messagerie_web.site_https"] | [.declared, .retained, .capped_by]' \
	"$(card expired)")
[ "$got" = '[3,0,"tls.site"]' ] || fail "expired: site_https in the scorecard: $got"
[ "$(jq -c '.evidence[] | select(.id == "tls.site") | [.status, .cap]' "$(card expired)")" = \
	'["fail",0]' ] || fail "expired: tls.site evidence: $(jq -c .evidence "$(card expired)")"
grep -A1 "retenue 0 par la vérification : Configuration TLS du site web$" "$SCRATCH/expired.out" |
	grep -q "^      $(fx expired) : " || fail "the result does not say why site_https is capped"
[ "$(jq -r '.targets.site' "$SCRATCH/expired/s.json")" = "$(fx expired)" ] ||
	fail "the address is not in the session file"

# 2. The good configuration, trusted through --tls-ca: nothing capped.
assess good "$(fx good)"
got=$(jq -c '.answers["messagerie_web.site_https"] | [.retained, .capped_by]' "$(card good)")
[ "$got" = '[3,null]' ] || fail "good: site_https in the scorecard: $got"
[ "$(jq -c '.evidence[] | select(.id == "tls.site") | .status' "$(card good)")" = '"pass"' ] ||
	fail "good: tls.site evidence: $(jq -c .evidence "$(card good)")"

# 3. A closed port is an error that caps nothing; resumed on the checks step, the address
# is offered again and kept with Enter, and so is the domain.
closed=$(fx closed)
assess closed "$closed"
[ "$(jq -c '.evidence[] | select(.id == "tls.site") | .status' "$(card closed)")" = '"error"' ] ||
	fail "closed: tls.site evidence: $(jq -c .evidence "$(card closed)")"
[ "$(jq -r '.answers["messagerie_web.site_https"].capped_by' "$(card closed)")" = null ] ||
	fail "closed: an error capped site_https"
printf '%s\n' "" "" v q | (cd "$SCRATCH/closed" && run --plain -q communes \
	--session "$SCRATCH/closed/s.json" --check-root "$SCRATCH/closed/root") \
	>"$SCRATCH/resumed.out" 2>&1 || fail "resumed: exit $?"
grep -q "Adresse du site web \[$closed\] (Entrée pour garder" "$SCRATCH/resumed.out" ||
	fail "the address was not offered again"
grep -A1 "\[erreur\] Configuration TLS du site web :$" "$SCRATCH/resumed.out" | grep -q "^    $closed : " ||
	fail "resumed: the kept address was not probed"
# 4. The mail server: TLS 1.0 accepted (medium) caps messagerie_tls at 1; STARTTLS on a
# clean SMTP server (smtp://) caps nothing.
MAIL=1
assess mail10 "" "$(fx tls10)"
grep -q "Adresse du serveur de messagerie, pour vérifier" "$SCRATCH/mail10.out" ||
	fail "the mail server's address was not asked for"
got=$(jq -c '.answers["messagerie_web.messagerie_tls"] | [.declared, .retained, .capped_by]' \
	"$(card mail10)")
[ "$got" = '[3,1,"tls.mail"]' ] || fail "TLS 1.0 mail: messagerie_tls in the scorecard: $got"
[ "$(jq '[.evidence[] | select(.id == "tls.site")] | length' "$(card mail10)")" = 0 ] ||
	fail "a website was probed without an address"
assess mailok "" "$(fx smtp)"
[ "$(jq -c '.evidence[] | select(.id == "tls.mail") | .status' "$(card mailok)")" = '"pass"' ] ||
	fail "smtp: tls.mail evidence: $(jq -c .evidence "$(card mailok)")"
[ "$(jq -r '.answers["messagerie_web.messagerie_tls"].capped_by' "$(card mailok)")" = null ] ||
	fail "smtp: messagerie_tls capped"
unset MAIL
echo "ok: TLS targets in the plain assessment"
