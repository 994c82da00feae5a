#!/bin/sh
# The commune's domain in the checks step of the plain-mode assessment, against the DNS
# fixtures of tests/dns/fixtures.sh (NSD, nginx and SMTP servers on 127.0.0.1, passed
# through --resolver, --trust-anchor and --tls-ca): with a hosted mail service, the domain
# is asked once, pre-filled from the contact's e-mail address; the domain check runs with
# the TLS step; DMARC p=none caps messagerie_web.spf_dkim_dmarc at 2 and a mail server
# without STARTTLS caps messagerie_web.messagerie_tls at 0, in the exported scorecard and
# the text report, in plain words; resumed, the domain is not asked again; a commune with
# consumer mailboxes and no website is not asked for a domain.
# Usage: sh plain_dns.sh VIGIE SOURCE_DIR SCRATCH_DIR
set -u
. "$2/tests/lib.sh"
. "$SRC/tests/cli/lib/fixture_root.sh"
for tool in nsd ldns-keygen ldns-signzone dig nginx openssl python3 jq; do
	command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
	command -v "$tool" >/dev/null 2>&1 || {
		echo "FAIL: $tool is missing (scripts/packages/test-dns.txt; make test installs it)"
		exit 1
	}
done
DNSFX_SELF=$SRC/tests/dns/fixtures.sh
. "$DNSFX_SELF"
trap 'dnsfx_stop' EXIT
trap 'exit 1' INT TERM HUP
dnsfx_start "$SCRATCH/fx" || { echo "FAIL: cannot start the DNS fixtures"; exit 1; }
. "$SCRATCH/fx/env"
cd "$SCRATCH" || exit 1
run() {
	env HOME="$SCRATCH" XDG_STATE_HOME="$SCRATCH/state" XDG_CONFIG_HOME="$SCRATCH/config" \
		LANG=C.UTF-8 LC_ALL= LANGUAGE= VIGIE_LANG= VIGIE_TEST_MTA_STS_PORT="$STS_PORT" \
		VIGIE_TEST_SMTP_PORT="$SMTP_PLAIN" SOURCE_DATE_EPOCH=1796464800 "$VIGIE" "$@"
}
# assess DIR CONTACT CTX-AND-ANSWER-LINES -- CHECKS-STEP-LINES
assess() {
	d=$1 contact=$2
	shift 2
	fixture_root "$SCRATCH/$d/root"
	{
		printf '%s\n' "Mairie de Test" "01999" "$contact"
		while [ "$1" != -- ]; do
			printf '%s\n' "$1"
			shift
		done
		shift
		printf '%s\n' f "$@"
	} | (cd "$SCRATCH/$d" && run --plain -q communes --session "$SCRATCH/$d/s.json" \
		--check-root "$SCRATCH/$d/root" --resolver "$RESOLVER" --trust-anchor "$ANCHOR" \
		--tls-ca "$CA") >"$SCRATCH/$d.out" 2>"$SCRATCH/$d.err"
}
card="$SCRATCH/mairie/vigie-01999-2026-12-05.scorecard.json"

# 1. A hosted mail service: the mail server's address (skipped), then the domain, guessed
# from the contact's address and kept with Enter; the checks run, export, quit.
assess mairie secretariat@dmarcnone.vigietest /ctx.messagerie 2 /messagerie_web.spf_dkim_dmarc 4 \
	/messagerie_web.messagerie_tls 4 -- "" "" v e q
t_grep "the domain is asked, pre-filled" "$SCRATCH/mairie.out" "Nom de domaine de la commune, pour vérifier de l'extérieur SPF, DKIM, DMARC, DNSSEC et le chiffrement de sa messagerie [dmarcnone.vigietest] (Entrée pour garder"
[ "$(grep -c "Nom de domaine de la commune" "$SCRATCH/mairie.out")" = 1 ] &&
	t_ok "asked once" || t_notok "asked once" "$(grep "Nom de domaine" "$SCRATCH/mairie.out")"
t_grep "the domain check is a step" "$SCRATCH/mairie.out" "] DNS"
t_grep "DMARC finding listed, capped at 2" "$SCRATCH/mairie.out" "[non conforme] Protection contre l'usurpation d'adresse (SPF, DKIM, DMARC) (réponses plafonnées à 2)"
grep -q "\] dns\.spf" "$SCRATCH/mairie.out" && t_notok "no check id shown" "$(grep "dns\.spf" "$SCRATCH/mairie.out")" || t_ok "no check id shown"
t_grep "DMARC finding in plain words" "$SCRATCH/mairie.out" "dmarcnone.vigietest : La règle DMARC est en simple observation (« p=none »)"
t_grep "STARTTLS finding in plain words" "$SCRATCH/mairie.out" "ne propose pas le chiffrement STARTTLS"
[ -s "$SCRATCH/mairie.err" ] && t_notok "no stderr" "$(cat "$SCRATCH/mairie.err")" || t_ok "no stderr"
got=$(jq -c '.answers["messagerie_web.spf_dkim_dmarc"] | [.declared, .retained, .capped_by]' "$card")
[ "$got" = '[3,2,"dns.spf_dkim_dmarc"]' ] && t_ok "spf_dkim_dmarc capped at 2 in the scorecard" ||
	t_notok "spf_dkim_dmarc in the scorecard: $got" "$(jq -c .evidence "$card")"
got=$(jq -c '.answers["messagerie_web.messagerie_tls"] | [.declared, .retained]' "$card")
[ "$got" = '[3,0]' ] && t_ok "messagerie_tls capped at 0 (no STARTTLS)" ||
	t_notok "messagerie_tls in the scorecard: $got" "$(jq -c .evidence "$card")"
[ "$(jq -c '.evidence[] | select(.id == "dns.starttls") | [.status, .cap]' "$card")" = '["fail",0]' ] &&
	t_ok "dns.starttls evidence" || t_notok "dns.starttls evidence" "$(jq -c .evidence "$card")"
[ "$(jq -r '.targets.domain' "$SCRATCH/mairie/s.json")" = dmarcnone.vigietest ] &&
	t_ok "the domain is kept in the session" || t_notok "session" "$(cat "$SCRATCH/mairie/s.json")"

# 2. The text report says it in plain words, not codes.
t_run "text report" 0 run report "$card" --text
t_grep "report: DMARC sentence" "$SCRATCH/out" "[non conforme] dmarcnone.vigietest : La règle DMARC est en simple"
t_grep "report: STARTTLS sentence, whole" "$SCRATCH/out" "certificat valide. (MX"
grep -q "dmarc_none\|starttls_missing" "$SCRATCH/out" && t_notok "report: no finding code" \
	"$(grep "dmarc_none\|starttls_missing" "$SCRATCH/out")" || t_ok "report: no finding code"

t_run "HTML report" 0 run report "$card" --html "$SCRATCH/r.html"
t_grep "HTML report: DMARC sentence" "$SCRATCH/r.html" "La règle DMARC est en simple observation"
t_grep "HTML report: STARTTLS sentence" "$SCRATCH/r.html" "ne propose pas le chiffrement STARTTLS"
grep -q "dmarc_none\|starttls_missing" "$SCRATCH/r.html" && t_notok "HTML report: no finding code" ||
	t_ok "HTML report: no finding code"

# 3. Resumed on the checks step: the domain given is offered, Enter keeps it (and the
# checks already run); typing another one replaces it and the checks are to run again.
printf '%s\n' "" "" q | (cd "$SCRATCH/mairie" && run --plain -q communes \
	--session "$SCRATCH/mairie/s.json" --check-root "$SCRATCH/mairie/root" \
	--resolver "$RESOLVER" --trust-anchor "$ANCHOR" --tls-ca "$CA") >"$SCRATCH/resumed.out" 2>&1
t_grep "resumed: the domain given is offered" "$SCRATCH/resumed.out" "de sa messagerie [dmarcnone.vigietest] (Entrée pour garder"
[ "$(jq -r '.targets.domain' "$SCRATCH/mairie/s.json")" = dmarcnone.vigietest ] &&
	t_ok "resumed: Enter keeps it" || t_notok "resumed: Enter keeps it" "$(jq -c .targets "$SCRATCH/mairie/s.json")"
[ "$(jq '[.checks.evidence[]? | select(.id == "dns.spf_dkim_dmarc")] | length' "$SCRATCH/mairie/s.json")" = 1 ] &&
	t_ok "resumed: the checks run are kept" || t_notok "resumed: the checks run are kept" "$(jq -c .checks "$SCRATCH/mairie/s.json")"
printf '%s\n' "" "good.vigietest" q | (cd "$SCRATCH/mairie" && run --plain -q communes \
	--session "$SCRATCH/mairie/s.json" --check-root "$SCRATCH/mairie/root" \
	--resolver "$RESOLVER" --trust-anchor "$ANCHOR" --tls-ca "$CA") >"$SCRATCH/changed.out" 2>&1
[ "$(jq -r '.targets.domain' "$SCRATCH/mairie/s.json")" = good.vigietest ] &&
	t_ok "resumed: another domain replaces it" || t_notok "resumed: another domain" "$(jq -c .targets "$SCRATCH/mairie/s.json")"
[ "$(jq '[.checks.evidence[]? | select(.id == "dns.spf_dkim_dmarc")] | length' "$SCRATCH/mairie/s.json")" = 0 ] &&
	t_ok "resumed: the old domain's checks are dropped" || t_notok "resumed: old checks kept" "$(jq -c .checks "$SCRATCH/mairie/s.json")"

# 4. A bad domain is refused with an example and asked again; "-" says there is none.
assess bad "" /ctx.messagerie 2 -- "" "http://x y" "-" v e q
t_grep "bad domain refused" "$SCRATCH/bad.out" "Nom de domaine refusé : donnez le nom seul"
grep -q "] DNS" "$SCRATCH/bad.out" && t_notok "no domain: no DNS step" || t_ok "no domain: no DNS step"

# 5. Consumer mailboxes and no website: no domain of its own, not asked.
assess gmail "" /ctx.messagerie 1 /ctx.site_web 1 -- v e q
grep -q "Nom de domaine" "$SCRATCH/gmail.out" && t_notok "no domain: not asked" \
	"$(grep "Nom de domaine" "$SCRATCH/gmail.out")" || t_ok "no domain: not asked"
t_done
