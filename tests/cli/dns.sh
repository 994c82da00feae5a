#!/bin/sh
# vigie dns and the mail_dns check kind against the DNS fixtures of tests/dns/fixtures.sh: an
# NSD on 127.0.0.1 serving one zone per property (signed with test keys, a trust anchor given
# to vigie), MTA-STS policies over HTTPS from nginx. Each fixture gives exactly its finding,
# the good zone passes clean; closed and silent resolvers and a SERVFAIL zone give their
# errors; usage errors exit 2. Usage: dns.sh VIGIE SRCDIR SCRATCH
set -u
. "$2/tests/lib.sh"

for tool in nsd ldns-keygen ldns-signzone dig nginx openssl python3; do
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
FX=$SCRATCH/fx/fixtures.txt
. "$SCRATCH/fx/env"
export VIGIE_TEST_MTA_STS_PORT="$STS_PORT"
# The mail servers' STARTTLS is probed on the fixture's SMTP server, never on port 25.
export VIGIE_TEST_SMTP_PORT="$SMTP_PORT"
TO=3000
dns() { "$VIGIE" dns --resolver "$RESOLVER" --trust-anchor "$ANCHOR" --ca "$CA" --timeout $TO "$@"; }

# jq-less JSON probe: python3 - FILE 'expression over r (the reports, by domain)' ARGS...
jcheck() {
	python3 -c 'import json, sys
r = {d["domain"]: d for d in json.load(open(sys.argv[1]))}
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)' "$@"
}

# 1. Every fixture at once: each domain gives exactly its findings (or error), and the
# good zone passes clean. One run, all concurrent; the mail servers' STARTTLS is section 10's.
# shellcheck disable=SC2046
t_run "every fixture domain in one run" 1 dns --json --no-starttls $(awk '{ print $2 }' "$FX")
cp "$SCRATCH/out" "$SCRATCH/all.json"
while read -r name domain expect; do
	if python3 -c 'import json, sys
r = {d["domain"]: d for d in json.load(open(sys.argv[1]))}[sys.argv[2]]
want = sys.argv[3]
if want.startswith("error:"):
    ok = r["verdict"] == "error" and r["error"]["code"] == want[6:] and r["error"]["fr"] and r["error"]["en"]
else:
    got = sorted(f["code"] for f in r["findings"])
    ok = got == ([] if want == "clean" else sorted(want.split(",")))
    ok = ok and all(f["fr"] and f["en"] and f["fr"] != f["en"] for f in r["findings"])
    ok = ok and (r["verdict"] == "pass") == (want == "clean" or all(
        f["severity"] == "info" for f in r["findings"]))
sys.exit(0 if ok else 1)' "$SCRATCH/all.json" "$domain" "$expect"; then
		t_ok "$name: $expect"
	else
		t_notok "$name: expected $expect" "$(python3 -c 'import json, sys
print([d for d in json.load(open(sys.argv[1])) if d["domain"] == sys.argv[2]])' "$SCRATCH/all.json" "$domain")"
	fi
done <"$FX"

# 2. What the good zone shows: MX, SPF, DMARC, DKIM found, DNSSEC validated, MTA-STS enforce.
if jcheck "$SCRATCH/all.json" 'r["good.vigietest"]["mx"] == [{"preference": 10, "host": "mail.good.vigietest",
		"address": None, "starttls": None}]
	and r["good.vigietest"]["spf"] == "v=spf1 mx ip4:127.0.0.1 -all"
	and r["good.vigietest"]["spf_lookups"] == 1
	and r["good.vigietest"]["dmarc"].startswith("v=DMARC1; p=reject")
	and r["good.vigietest"]["dkim_found"] == "default"
	and r["good.vigietest"]["dnssec"] == "secure"
	and r["good.vigietest"]["mta_sts_mode"] == "enforce"
	and r["good.vigietest"]["caa"] == "issue letsencrypt.org"
	and r["lookups11.vigietest"]["spf_lookups"] == 11
	and r["bogus.vigietest"]["dnssec"] == "bogus"
	and r["nochain.vigietest"]["dnssec"] == "insecure"
	and r["unsigned.vigietest"]["dnssec"] == "unsigned"
	and r["bogus.vigietest"]["failed_lookups"] == "TXT"'; then
	t_ok "the good zone's records and the DNSSEC states are reported"
else
	t_notok "records of the good zone" "$(head -c 1500 "$SCRATCH/all.json")"
fi

# 3. The good zone alone passes: exit 0, French text by default, English with --lang en.
t_run "good zone passes" 0 dns good.vigietest
t_grep "good zone: CONFORME" "$SCRATCH/out" "good.vigietest — CONFORME"
t_grep "good zone: DNSSEC validated" "$SCRATCH/out" "signé et validé"
t_run "a finding in French" 1 dns nospf.vigietest
t_grep "French sentence says what to ask" "$SCRATCH/out" "demandez à votre hébergeur de messagerie de publier un enregistrement SPF"
t_run "a finding in English" 1 "$VIGIE" --lang en dns --resolver "$RESOLVER" --trust-anchor "$ANCHOR" \
	--ca "$CA" --timeout $TO dmarcnone.vigietest
t_grep "English sentence" "$SCRATCH/out" "[low] dmarc_none: The DMARC policy only observes ('p=none')"

# 4. A DKIM key under a selector of one's own is found only when asked for.
t_run "own DKIM selector given" 0 dns --dkim-selector mairie2026 --json ownselector.vigietest
jcheck "$SCRATCH/out" 'r["ownselector.vigietest"]["dkim_found"] == "mairie2026"
	and r["ownselector.vigietest"]["dkim_tried"] == "mairie2026"
	and r["ownselector.vigietest"]["findings"] == []' &&
	t_ok "selector mairie2026 found" || t_notok "selector mairie2026" "$(cat "$SCRATCH/out")"

# 5. Without the test CA the MTA-STS policy's certificate is not trusted.
t_run "MTA-STS policy with an untrusted certificate" 1 "$VIGIE" dns --resolver "$RESOLVER" \
	--trust-anchor "$ANCHOR" --timeout $TO good.vigietest
t_grep "untrusted policy certificate named" "$SCRATCH/out" "mta_sts_invalid"

# 6. Resolver errors: nothing listens (refused at once), a resolver that never answers
# (timeout), a zone the server cannot load (SERVFAIL, in section 1).
t_run "closed resolver port" 1 "$VIGIE" dns --json --resolver "$CLOSED" --timeout $TO good.vigietest
jcheck "$SCRATCH/out" 'r["good.vigietest"]["error"]["code"] == "resolver_unreachable"
	and "--resolver" in r["good.vigietest"]["error"]["en"]' &&
	t_ok "closed port: resolver_unreachable" || t_notok "closed port" "$(cat "$SCRATCH/out")"
t_run "silent resolver" 1 "$VIGIE" dns --json --resolver "$SILENT" --timeout 1000 good.vigietest nospf.vigietest
jcheck "$SCRATCH/out" 'all(d["error"]["code"] == "timeout" and "1000 ms" in d["error"]["fr"]
	for d in r.values()) and len(r) == 2' &&
	t_ok "silent resolver: timeout for each domain" || t_notok "silent resolver" "$(cat "$SCRATCH/out")"

# 7. Usage and input errors.
t_run "no domain" 2 "$VIGIE" dns
t_run "bad domain name" 2 "$VIGIE" dns --resolver "$RESOLVER" 'mairie exemple.fr'
t_grep "bad name explained" "$SCRATCH/err" "« mairie exemple.fr » n'est pas un nom de domaine (lettres, chiffres"
t_run "bad domain name (en)" 2 "$VIGIE" --lang en dns --resolver "$RESOLVER" 'mairie exemple.fr'
t_grep "bad name explained in English" "$SCRATCH/err" "'mairie exemple.fr' is not a domain name (letters, digits"
t_run "resolver that is not an address" 2 "$VIGIE" dns --resolver resolver.example good.vigietest
t_grep "resolver explained" "$SCRATCH/err" "« resolver.example » n'est pas une adresse IP"
t_run "bad resolver port" 2 "$VIGIE" dns --resolver 127.0.0.1@70000 good.vigietest
t_run "bad timeout" 2 "$VIGIE" dns --timeout 0 good.vigietest
t_run "unreadable trust anchor" 1 "$VIGIE" dns --resolver "$RESOLVER" --trust-anchor "$SCRATCH/none.ds" good.vigietest
t_grep "trust anchor file named" "$SCRATCH/err" "none.ds : lecture de l'ancre de confiance impossible"
printf 'not a trust anchor\n' >"$SCRATCH/bad.ds"
t_run "malformed trust anchor" 1 "$VIGIE" dns --resolver "$RESOLVER" --trust-anchor "$SCRATCH/bad.ds" good.vigietest
t_grep "malformed trust anchor named" "$SCRATCH/err" "bad.ds : ce n'est pas un fichier d'ancre de confiance"
t_run "help" 0 "$VIGIE" dns --help
t_grep "help names --resolver" "$SCRATCH/out" "--resolver ADR[@PORT]"

# 8. The mail_dns check kind: SPF/DKIM/DMARC inform messagerie_web.spf_dkim_dmarc and cap it
# by the worst finding's severity (p=none: 2; no SPF: 0); MTA-STS informs messagerie_tls.
profile() {
	cat >"$SCRATCH/p.yaml" <<YAML
format: vigie-checks/1
id: dns-test
version: 1.0.0
title: {fr: "Test DNS", en: "DNS test"}
questionnaire: communes
checks:
  - id: dns.spf_dkim_dmarc
    kind: mail_dns
    params: {domains: [$1], aspects: [spf, dmarc, dkim], resolver: "$RESOLVER", trust_anchor: "$ANCHOR", ca: "$CA", timeout_ms: $TO}
    severity: high
    title: {fr: "SPF, DKIM et DMARC", en: "SPF, DKIM and DMARC"}
    remediation: {fr: "Voir les constats.", en: "See the findings."}
    informs: [messagerie_web.spf_dkim_dmarc]
  - id: dns.mta_sts
    kind: mail_dns
    params: {domains: [$1], aspects: [mta_sts, tlsrpt], resolver: "$RESOLVER", trust_anchor: "$ANCHOR", ca: "$CA", timeout_ms: $TO}
    severity: high
    title: {fr: "MTA-STS", en: "MTA-STS"}
    remediation: {fr: "Voir les constats.", en: "See the findings."}
    informs: [messagerie_web.messagerie_tls]
YAML
}
kcheck() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
c = {k["id"]: k for k in r["checks"]}
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)' "$@"
}
profile good.vigietest
t_run "kind: good domain passes" 0 "$VIGIE" check --json --profile "$SCRATCH/p.yaml"
kcheck "$SCRATCH/out" 'c["dns.spf_dkim_dmarc"]["status"] == "pass" and c["dns.mta_sts"]["status"] == "pass"
	and c["dns.spf_dkim_dmarc"]["cap"] is None' && t_ok "kind: good passes, no cap" ||
	t_notok "kind: good" "$(cat "$SCRATCH/out")"
profile dmarcnone.vigietest
t_run "kind: p=none" 1 "$VIGIE" check --json --profile "$SCRATCH/p.yaml"
kcheck "$SCRATCH/out" 'c["dns.spf_dkim_dmarc"]["status"] == "fail" and c["dns.spf_dkim_dmarc"]["cap"] == 2
	and [f["rule"] for f in c["dns.spf_dkim_dmarc"]["findings"]] == ["dmarc_none"]
	and c["dns.spf_dkim_dmarc"]["findings"][0]["path"] == "dmarcnone.vigietest"
	and c["dns.mta_sts"]["status"] == "pass"' && t_ok "kind: p=none caps spf_dkim_dmarc at 2" ||
	t_notok "kind: p=none" "$(cat "$SCRATCH/out")"
profile nospf.vigietest
t_run "kind: no SPF" 1 "$VIGIE" check --json --profile "$SCRATCH/p.yaml"
kcheck "$SCRATCH/out" 'c["dns.spf_dkim_dmarc"]["cap"] == 0' && t_ok "kind: no SPF caps at 0" ||
	t_notok "kind: no SPF" "$(cat "$SCRATCH/out")"
profile ststesting.vigietest
t_run "kind: MTA-STS testing" 1 "$VIGIE" check --json --profile "$SCRATCH/p.yaml"
kcheck "$SCRATCH/out" 'c["dns.spf_dkim_dmarc"]["status"] == "pass" and c["dns.mta_sts"]["cap"] == 2
	and [f["rule"] for f in c["dns.mta_sts"]["findings"]] == ["mta_sts_testing"]' &&
	t_ok "kind: aspects split the findings between the checks" ||
	t_notok "kind: MTA-STS testing" "$(cat "$SCRATCH/out")"
profile servfail.vigietest
t_run "kind: SERVFAIL" 1 "$VIGIE" check --json --profile "$SCRATCH/p.yaml"
kcheck "$SCRATCH/out" 'c["dns.spf_dkim_dmarc"]["status"] == "error" and c["dns.spf_dkim_dmarc"]["cap"] is None' &&
	t_ok "kind: SERVFAIL is an error, no cap" || t_notok "kind: SERVFAIL" "$(cat "$SCRATCH/out")"
sed 's/aspects: \[spf, dmarc, dkim\]/aspects: [spf, smtp]/' "$SCRATCH/p.yaml" >"$SCRATCH/bad.yaml"
t_run "kind: unknown aspect refused" 2 "$VIGIE" check --profile "$SCRATCH/bad.yaml"
t_grep "unknown aspect with line" "$SCRATCH/err" "bad.yaml:9:"
t_grep "unknown aspect named in French" "$SCRATCH/err" "aspect 'smtp' inconnu ; aspects connus : mx, spf,"
t_run "kind: unknown aspect refused in English" 2 "$VIGIE" --lang en check --profile "$SCRATCH/bad.yaml"
t_grep "unknown aspect named in English" "$SCRATCH/err" "unknown aspect 'smtp'; known aspects: mx, spf,"
sed 's/domains: \[[^]]*\]/domains: []/' "$SCRATCH/p.yaml" >"$SCRATCH/bad.yaml"
t_run "kind: empty domains refused" 2 "$VIGIE" check --profile "$SCRATCH/bad.yaml"
t_grep "empty domains said in French" "$SCRATCH/err" "bad.yaml:9:23: domains est vide ; donnez au moins un domaine"
t_run "kind: empty domains refused in English" 2 "$VIGIE" --lang en check --profile "$SCRATCH/bad.yaml"
t_grep "empty domains said in English" "$SCRATCH/err" "bad.yaml:9:23: domains is empty; give at least one domain"

# 9. The embedded profile `domaine` loads (its domain is a placeholder: it is not run here).
t_run "checks/domaine.yaml validates" 0 "$VIGIE" validate "$SRC/checks/domaine.yaml"
t_grep "four mail_dns checks" "$SCRATCH/out" "4 vérifications"

# 10. The mail servers' STARTTLS, through the TLS prober, on the fixture's SMTP servers (the
# MX of every zone is mail.ZONE at 127.0.0.1): a good one passes and shows its versions; one
# without STARTTLS is a high finding saying what to ask; the prober's own findings (here an
# untrusted certificate) come through; a closed port says it could not be reached; the
# mail_dns kind caps messagerie_web.messagerie_tls like the tls kind.
t_run "STARTTLS: good mail server" 0 dns --json --smtp-port "$SMTP_PORT" good.vigietest
jcheck "$SCRATCH/out" 'r["good.vigietest"]["mx"][0]["address"] == "127.0.0.1"
	and "TLS 1.3" in r["good.vigietest"]["mx"][0]["starttls"]
	and r["good.vigietest"]["findings"] == []' && t_ok "STARTTLS: versions shown, no finding" ||
	t_notok "STARTTLS: good" "$(cat "$SCRATCH/out")"
t_run "STARTTLS: mail server without STARTTLS" 1 dns --smtp-port "$SMTP_PLAIN" good.vigietest
t_grep "STARTTLS missing is high" "$SCRATCH/out" "[grave] starttls_missing : Un serveur de messagerie (MX) du domaine ne propose pas le chiffrement STARTTLS"
t_grep "STARTTLS: what to ask" "$SCRATCH/out" "demandez à votre hébergeur de messagerie d'activer STARTTLS"
t_grep "STARTTLS: which server" "$SCRATCH/out" "MX mail.good.vigietest (127.0.0.1:$SMTP_PLAIN)"
t_run "STARTTLS: untrusted certificate" 1 "$VIGIE" dns --json --resolver "$RESOLVER" \
	--trust-anchor "$ANCHOR" --timeout $TO --smtp-port "$SMTP_PORT" good.vigietest
jcheck "$SCRATCH/out" 'any(f["aspect"] == "starttls" and f["code"].startswith("cert_")
	and f["severity"] == "high" and "mail.good.vigietest" in f["detail"]
	for f in r["good.vigietest"]["findings"])' && t_ok "STARTTLS: the prober's findings come through" ||
	t_notok "STARTTLS: untrusted" "$(cat "$SCRATCH/out")"
t_run "STARTTLS: closed SMTP port" 0 dns --json --smtp-port "${CLOSED#*@}" good.vigietest
jcheck "$SCRATCH/out" '[f["code"] for f in r["good.vigietest"]["findings"]] == ["starttls_unreachable"]
	and r["good.vigietest"]["findings"][0]["severity"] == "info"
	and r["good.vigietest"]["mx"][0]["starttls"] == "connect_refused"' &&
	t_ok "STARTTLS: unreachable is said, no flaw" || t_notok "STARTTLS: closed" "$(cat "$SCRATCH/out")"
t_run "STARTTLS: bad --smtp-port" 2 "$VIGIE" dns --smtp-port 0 good.vigietest
cat >"$SCRATCH/s.yaml" <<YAML
format: vigie-checks/1
id: dns-starttls
version: 1.0.0
title: {fr: "Test STARTTLS", en: "STARTTLS test"}
questionnaire: communes
checks:
  - id: dns.starttls
    kind: mail_dns
    params: {domains: [good.vigietest], aspects: [starttls], resolver: "$RESOLVER", trust_anchor: "$ANCHOR", ca: "$CA", timeout_ms: $TO, smtp_port: $SMTP_PLAIN}
    severity: high
    title: {fr: "STARTTLS", en: "STARTTLS"}
    remediation: {fr: "Voir les constats.", en: "See the findings."}
    informs: [messagerie_web.messagerie_tls]
YAML
t_run "kind: STARTTLS missing" 1 "$VIGIE" check --json --profile "$SCRATCH/s.yaml"
kcheck "$SCRATCH/out" 'c["dns.starttls"]["status"] == "fail" and c["dns.starttls"]["cap"] == 0
	and [f["rule"] for f in c["dns.starttls"]["findings"]] == ["starttls_missing"]' &&
	t_ok "kind: no STARTTLS caps messagerie_tls at 0" || t_notok "kind: STARTTLS" "$(cat "$SCRATCH/out")"

t_done
